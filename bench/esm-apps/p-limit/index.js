import pLimit from 'p-limit'
// No top-level await here: meta-tla is the app about it (the peer cannot run it).
;(async () => {
  const limit = pLimit(2)
  let running = 0, peak = 0
  const results = await Promise.all([1, 2, 3, 4, 5].map((n) => limit(async () => {
    running++; peak = Math.max(peak, running)
    await new Promise((r) => setTimeout(r, 5))
    running--
    return n * n
  })))
  console.log(results.join(), 'peak', peak)
})()
