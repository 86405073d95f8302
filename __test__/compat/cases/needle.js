const needle = require('needle')
const http = require('http')
const server = http.createServer((req, res) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ path: req.url })) })
server.listen(0, '127.0.0.1', () => {
  needle.get(`http://127.0.0.1:${server.address().port}/n`, { parse: true }, (err, res, body) => {
    console.log(err, res.statusCode, JSON.stringify(body))
    server.close()
  })
})
