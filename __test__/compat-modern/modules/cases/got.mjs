import got from 'got'
import http from 'node:http'
const server = http.createServer((req, res) => {
  if (req.url === '/fail') { res.statusCode = 503; return res.end('down') }
  let body = ''
  req.on('data', (chunk) => (body += chunk))
  req.on('end', () => {
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ method: req.method, url: req.url, ua: req.headers['user-agent'].split('/')[0], body }))
  })
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${server.address().port}`
console.log(JSON.stringify(await got(base + '/j?x=1').json()))
console.log(JSON.stringify(await got.post(base + '/p', { json: { a: 1 } }).json()))
const client = got.extend({ prefixUrl: base, headers: { 'user-agent': 'mine/1' } })
console.log(JSON.stringify(await client('c').json()))
try { await got(base + '/fail', { retry: { limit: 0 } }) } catch (e) { console.log(e.name, e.code, e.response.statusCode) }
server.close()
