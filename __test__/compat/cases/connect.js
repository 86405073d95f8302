const connect = require('connect')
const http = require('http')
const app = connect()
app.use('/api', (req, res, next) => { req.seen = req.url; next() })
app.use((req, res) => res.end('connect ' + req.seen))
const server = http.createServer(app).listen(0, '127.0.0.1', () => {
  http.get({ host: '127.0.0.1', port: server.address().port, path: '/api/x' }, (res) => {
    let b = ''
    res.on('data', (c) => (b += c))
    res.on('end', () => { console.log(b); server.close() })
  })
})
