import ky, { HTTPError } from 'ky'
import http from 'node:http'
const server = http.createServer((req, res) => {
  if (req.url === '/fail') { res.statusCode = 404; return res.end('nope') }
  let body = ''
  req.on('data', (chunk) => (body += chunk))
  req.on('end', () => {
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ method: req.method, url: req.url, body }))
  })
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const api = ky.create({ prefixUrl: `http://127.0.0.1:${server.address().port}`, retry: 0 })
console.log(JSON.stringify(await api.get('x', { searchParams: { q: 'a b' } }).json()))
console.log(JSON.stringify(await api.post('y', { json: { n: 1 } }).json()))
try { await api.get('fail') } catch (e) { console.log(e instanceof HTTPError, e.response.status) }
server.close()
