import fetch, { Headers, Response, FormData } from 'node-fetch'
import http from 'node:http'
const server = http.createServer((req, res) => {
  let body = ''
  req.on('data', (chunk) => (body += chunk))
  req.on('end', () => {
    res.setHeader('x-echo', req.headers['x-test'] ?? '')
    res.end(JSON.stringify({ method: req.method, url: req.url, body: body.length }))
  })
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${server.address().port}`
const res = await fetch(base + '/a?b=1', { headers: new Headers({ 'x-test': 'yes' }) })
console.log(res.status, res.headers.get('x-echo'), await res.text())
const posted = await fetch(base + '/post', { method: 'POST', body: 'hello' })
console.log(JSON.stringify(await posted.json()))
const form = new FormData()
form.set('field', 'value')
const multipart = await fetch(base + '/form', { method: 'POST', body: form })
console.log((await multipart.json()).method)
console.log(await new Response('made').text())
server.close()
