import { spawn, Thread, Worker } from 'threads'
const worker = await spawn(new Worker('./support/threads-worker.mjs'))
console.log(await worker.add(2, 40), await worker.shout('hi'))
await Thread.terminate(worker)
