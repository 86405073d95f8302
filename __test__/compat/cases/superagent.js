const superagent = require('superagent')
const http = require('http')
const server = http.createServer((req, res) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ m: req.method, ct: req.headers['content-type'] })) })
server.listen(0, '127.0.0.1', () => {
  superagent.post(`http://127.0.0.1:${server.address().port}/x`).send({ a: 1 }).end((err, res) => {
    console.log(err, res.status, JSON.stringify(res.body))
    server.close()
  })
})
