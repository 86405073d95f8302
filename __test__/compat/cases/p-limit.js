const pLimit = require('p-limit')
const limit = pLimit(2)
let running = 0
let peak = 0
const task = (n) => limit(async () => {
  running++
  peak = Math.max(peak, running)
  await new Promise((r) => setTimeout(r, 5))
  running--
  return n * 2
})
Promise.all([1, 2, 3, 4, 5].map(task)).then((r) => console.log(r.join(','), 'peak', peak, limit.pendingCount))
