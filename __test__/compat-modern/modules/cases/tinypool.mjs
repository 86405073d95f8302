import Tinypool from 'tinypool'
const pool = new Tinypool({ filename: new URL('./support/square.mjs', import.meta.url).href, maxThreads: 2, minThreads: 0 })
console.log((await Promise.all([5, 6].map((n) => pool.run({ n })))).join(','), await pool.run({ n: 2 }, { name: 'cube' }))
await pool.destroy()
