const got = require('got')
const http = require('http')
const server = http.createServer((req, res) => {
  if (req.url === '/fail') { res.statusCode = 503; return res.end('down') }
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify({ url: req.url, ua: req.headers['user-agent'].split('/')[0] }))
})
server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`
  const body = await got(base + '/j?x=1').json()
  console.log(JSON.stringify(body))
  try { await got(base + '/fail', { retry: 0 }) } catch (e) { console.log(e.name, e.response.statusCode) }
  server.close()
})
