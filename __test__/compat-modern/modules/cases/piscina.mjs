import { Piscina } from 'piscina'
const pool = new Piscina({ filename: new URL('./support/square.mjs', import.meta.url).href, maxThreads: 2 })
const results = await Promise.all([2, 3, 4].map((n) => pool.run({ n })))
console.log(results.join(','), await pool.run({ n: 3 }, { name: 'cube' }))
await pool.destroy()
