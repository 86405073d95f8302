const morgan = require('morgan')
const http = require('http')
const lines = []
const logger = morgan(':method :url :status :res[content-length]', { stream: { write: (l) => lines.push(l.trim()) } })
const server = http.createServer((req, res) => logger(req, res, () => res.end('hello')))
server.listen(0, '127.0.0.1', () => {
  http.get({ port: server.address().port, host: '127.0.0.1', path: '/m?x=1' }, (res) => {
    res.resume()
    res.on('end', () => setTimeout(() => { console.log(lines.join('|')); server.close() }, 20))
  })
})
