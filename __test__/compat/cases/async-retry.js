const retry = require('async-retry')
let attempts = 0
retry(async (bail, n) => {
  attempts = n
  if (n < 3) throw new Error('flaky ' + n)
  return 'ok after ' + n
}, { retries: 5, minTimeout: 1, factor: 1, randomize: false }).then((r) => console.log(r, attempts))
