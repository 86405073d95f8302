const fetch = require('node-fetch')
const http = require('http')
const server = http.createServer((req, res) => { res.setHeader('x-a', 'b'); res.end('body of ' + req.method) })
server.listen(0, '127.0.0.1', async () => {
  const res = await fetch(`http://127.0.0.1:${server.address().port}/`, { method: 'PUT', body: 'x' })
  console.log(res.status, res.ok, res.headers.get('x-a'), await res.text())
  server.close()
})
