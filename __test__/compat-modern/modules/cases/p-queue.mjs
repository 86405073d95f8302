import PQueue from 'p-queue'
const queue = new PQueue({ concurrency: 1 })
const order = []
queue.add(async () => { await null; order.push('a') })
queue.add(async () => order.push('low'), { priority: 0 })
queue.add(async () => order.push('high'), { priority: 5 })
let events = 0
queue.on('completed', () => events++)
await queue.onIdle()
console.log(order.join(','), queue.size, queue.pending, events)
