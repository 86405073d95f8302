import { FixedThreadPool } from 'poolifier'
const pool = new FixedThreadPool(2, new URL('./support/poolifier-worker.cjs', import.meta.url).pathname, { errorHandler: (e) => console.error(e) })
const results = await Promise.all([1, 2, 3].map((n) => pool.execute({ n })))
console.log(JSON.stringify(results))
// Not awaited: poolifier 5's destroy() sometimes never settles once its workers are gone (exit 13).
void pool.destroy()
