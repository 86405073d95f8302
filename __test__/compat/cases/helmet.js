const helmet = require('helmet')
const http = require('http')
const h = helmet()
const server = http.createServer((req, res) => h(req, res, () => res.end('ok')))
server.listen(0, '127.0.0.1', () => {
  http.get({ port: server.address().port, host: '127.0.0.1' }, (res) => {
    const names = Object.keys(res.headers).filter((n) => !['date', 'connection', 'keep-alive', 'content-length'].includes(n)).sort()
    console.log(names.join(','))
    console.log(res.headers['x-frame-options'], res.headers['content-security-policy'].split(';')[0])
    res.resume()
    res.on('end', () => server.close())
  })
})
