import pLimit from 'p-limit'
const limit = pLimit(2)
let active = 0
let peak = 0
const task = (n) => limit(async () => {
  active++
  peak = Math.max(peak, active)
  await new Promise((resolve) => setImmediate(resolve))
  active--
  return n * n
})
console.log((await Promise.all([1, 2, 3, 4, 5].map(task))).join(','), 'peak', peak)
console.log(limit.activeCount, limit.pendingCount, limit.concurrency)
