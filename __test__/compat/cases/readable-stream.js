const { Readable, Transform, pipeline, Writable } = require('readable-stream')
let out = ''
pipeline(
  Readable.from(['a', 'b', 'c']),
  new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()) } }),
  new Writable({ write(c, e, cb) { out += c; cb() } }),
  (err) => console.log('done', err, out),
)
