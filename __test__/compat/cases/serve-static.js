const serveStatic = require('serve-static')
const http = require('http')
const path = require('path')
const serve = serveStatic(path.join(__dirname, '..', 'node_modules', 'serve-static'))
const server = http.createServer((req, res) => serve(req, res, () => { res.statusCode = 404; res.end() }))
server.listen(0, '127.0.0.1', () => {
  http.get({ host: '127.0.0.1', port: server.address().port, path: '/package.json' }, (res) => {
    let b = ''
    res.on('data', (c) => (b += c))
    res.on('end', () => { console.log(res.statusCode, res.headers['content-type'], JSON.parse(b).name); server.close() })
  })
})
