const httpProxy = require('http-proxy')
const http = require('http')
const target = http.createServer((req, res) => res.end('target saw ' + req.url + ' via ' + (req.headers['x-forwarded-for'] ? 'xff' : 'none')))
target.listen(0, '127.0.0.1', () => {
  const proxy = httpProxy.createProxyServer({ target: `http://127.0.0.1:${target.address().port}`, xfwd: true })
  const front = http.createServer((req, res) => proxy.web(req, res))
  front.listen(0, '127.0.0.1', () => {
    http.get({ host: '127.0.0.1', port: front.address().port, path: '/p' }, (res) => {
      let b = ''
      res.on('data', (c) => (b += c))
      res.on('end', () => { console.log(res.statusCode, b); proxy.close(); front.close(); target.close() })
    })
  })
})
