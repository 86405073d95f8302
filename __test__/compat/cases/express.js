const express = require('express')
const http = require('http')
const app = express()
app.use(express.json())
app.get('/hello/:name', (req, res) => res.set('X-Test', '1').json({ hello: req.params.name, q: req.query.q }))
app.use((req, res) => res.status(404).send('nope'))
const server = app.listen(0, '127.0.0.1', () => {
  http.get(`http://127.0.0.1:${server.address().port}/hello/lava?q=1`, (res) => {
    let body = ''
    res.on('data', (c) => (body += c))
    res.on('end', () => {
      console.log(res.statusCode, res.headers['x-test'], res.headers['content-type'], body)
      server.close(() => console.log('closed'))
    })
  })
})
