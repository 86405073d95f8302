const compression = require('compression')
const http = require('http')
const zlib = require('zlib')
const c = compression({ threshold: 0 })
const server = http.createServer((req, res) => c(req, res, () => { res.setHeader('content-type', 'text/plain'); res.end('x'.repeat(2000)) }))
server.listen(0, '127.0.0.1', () => {
  http.get({ port: server.address().port, host: '127.0.0.1', headers: { 'accept-encoding': 'gzip' } }, (res) => {
    const chunks = []
    res.on('data', (d) => chunks.push(d))
    res.on('end', () => {
      const raw = Buffer.concat(chunks)
      console.log(res.headers['content-encoding'], raw.length < 2000, zlib.gunzipSync(raw).length)
      server.close()
    })
  })
})
