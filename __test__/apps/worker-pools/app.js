// Four worker pools run a task file of this app in worker threads (each under lavamoat there).
const path = require('path')
const { Piscina } = require('piscina')
const workerpool = require('workerpool')
const { Worker: JestWorker } = require('jest-worker')

async function main() {
  const piscina = new Piscina({ filename: path.join(__dirname, 'task.js') })
  const sum = await piscina.run({ a: 2, b: 3 })
  await piscina.destroy()

  const pool = workerpool.pool(path.join(__dirname, 'wp-task.js'), { workerType: 'thread' })
  const added = await pool.exec('add', [4, 5])
  await pool.terminate()

  const jestWorker = new JestWorker(path.join(__dirname, 'jw-task.js'), { enableWorkerThreads: true, numWorkers: 1 })
  const fromJest = await jestWorker.add(6, 7)
  await jestWorker.end()

  const { default: Tinypool } = await import('tinypool')
  const tinypool = new Tinypool({ filename: path.join(__dirname, 'tp-task.mjs') })
  const product = await tinypool.run({ a: 3, b: 4 })
  await tinypool.destroy()

  console.log(JSON.stringify({ piscina: sum, workerpool: added, jestWorker: fromJest, tinypool: product }))
}

main()
