// Starts an express 4 server on a loopback port, posts one JSON body to it, prints the reply,
// and closes: the same output under node and lavamoat.
const http = require('http')
const express = require('express')
const bodyParser = require('body-parser')

const app = express()
app.use(bodyParser.json())
app.post('/echo', (req, res) => res.json({ got: req.body, type: req.headers['content-type'] }))

const server = app.listen(0, '127.0.0.1', () => {
  const body = JSON.stringify({ hello: 'world' })
  const request = http.request(
    { host: '127.0.0.1', port: server.address().port, path: '/echo', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
    (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => { text += chunk })
      res.on('end', () => {
        console.log(res.statusCode, text)
        server.close()
      })
    }
  )
  request.end(body)
})
