const archiver = require('archiver')
const { Writable } = require('stream')
let size = 0
const chunks = []
const out = new Writable({ write(c, e, cb) { chunks.push(c); size += c.length; cb() } })
const archive = archiver('zip', { zlib: { level: 9 } })
out.on('finish', () => {
  const buf = Buffer.concat(chunks)
  console.log('zip magic', buf.slice(0, 4).toString('hex'), 'entries', archive.pointer() === size)
})
archive.on('error', (e) => console.log('error', e.message))
archive.pipe(out)
archive.append('hello world', { name: 'hello.txt', date: new Date(0) })
archive.append(Buffer.from('abc'), { name: 'dir/abc.bin', date: new Date(0) })
archive.finalize()
