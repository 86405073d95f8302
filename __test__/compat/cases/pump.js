const pump = require('pump')
const { Readable, PassThrough, Writable } = require('stream')
let out = ''
pump(Readable.from(['x', 'y']), new PassThrough(), new Writable({ write(c, e, cb) { out += c; cb() } }), (err) => console.log('pumped', err, out))
