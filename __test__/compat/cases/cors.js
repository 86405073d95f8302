const cors = require('cors')
const http = require('http')
const handler = cors({ origin: ['https://a.test'], credentials: true })
const server = http.createServer((req, res) => handler(req, res, () => res.end('ok')))
server.listen(0, '127.0.0.1', () => {
  http.request({ port: server.address().port, host: '127.0.0.1', method: 'OPTIONS', headers: { origin: 'https://a.test', 'access-control-request-method': 'PUT' } }, (res) => {
    console.log(res.statusCode, res.headers['access-control-allow-origin'], res.headers['access-control-allow-credentials'], res.headers['access-control-allow-methods'])
    res.resume()
    res.on('end', () => server.close())
  }).end()
})
