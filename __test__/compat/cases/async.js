const async = require('async')
async.mapLimit([3, 1, 2], 2, async (n) => n * 2, (err, out) => {
  console.log('mapLimit', err, out.join(','))
  async.waterfall([(cb) => cb(null, 1), (a, cb) => cb(null, a + 1), (b, cb) => cb(null, b * 10)], (err2, r) => {
    console.log('waterfall', err2, r)
    const q = async.queue((task, cb) => { console.log('task', task); setImmediate(cb) }, 1)
    q.push(['a', 'b'])
    q.drain(() => console.log('drained'))
  })
})
