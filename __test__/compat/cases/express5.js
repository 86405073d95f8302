const express = require('express5')
const http = require('http')
const app = express()
app.get('/files/*rest', (req, res) => res.json({ rest: req.params.rest }))
app.get('/async', async () => { throw new Error('rejected') })
app.use((err, req, res, next) => res.status(500).send('handled: ' + err.message))
const server = app.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`
  for (const p of ['/files/a/b.txt', '/async']) {
    const body = await new Promise((resolve) => http.get(base + p, (res) => {
      let b = ''
      res.on('data', (c) => (b += c))
      res.on('end', () => resolve(res.statusCode + ' ' + b))
    }))
    console.log(p, body)
  }
  server.close(() => console.log('closed'))
})
