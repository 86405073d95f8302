const bodyParser = require('body-parser')
const http = require('http')
const json = bodyParser.json()
const server = http.createServer((req, res) => json(req, res, (err) => res.end(JSON.stringify({ err: err && err.status, body: req.body }))))
server.listen(0, '127.0.0.1', () => {
  const req = http.request({ port: server.address().port, host: '127.0.0.1', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
    let b = ''
    res.on('data', (c) => (b += c))
    res.on('end', () => { console.log(b); server.close() })
  })
  req.end('{"x":[1,2]}')
})
