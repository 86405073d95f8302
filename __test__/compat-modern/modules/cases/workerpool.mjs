import workerpool from 'workerpool'
const pool = workerpool.pool(new URL('./support/square-worker.cjs', import.meta.url).pathname, { maxWorkers: 2, workerType: 'thread' })
console.log((await Promise.all([10, 15, 20].map((n) => pool.exec('fib', [n])))).join(','))
const inline = workerpool.pool({ maxWorkers: 1, workerType: 'thread' })
console.log(await inline.exec((a, b) => a + b, [2, 3]))
await pool.terminate()
await inline.terminate()
