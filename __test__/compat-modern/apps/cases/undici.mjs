// undici: request, fetch and a Pool against a local server on 127.0.0.1.
import { request, fetch, Pool, Agent, setGlobalDispatcher } from 'undici'
import http from 'node:http'

const server = http.createServer((req, res) => {
  let body = ''
  req.on('data', (c) => (body += c))
  req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ method: req.method, url: req.url, body })) })
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const origin = `http://127.0.0.1:${server.address().port}`
const agent = new Agent({ keepAliveTimeout: 10 })
setGlobalDispatcher(agent)
const { statusCode, body } = await request(`${origin}/a?x=1`)
console.log(statusCode, await body.text())
const res = await fetch(`${origin}/b`, { method: 'POST', body: 'payload' })
console.log(res.status, (await res.json()).body)
const pool = new Pool(origin, { connections: 2 })
const results = await Promise.all([1, 2, 3].map((i) => pool.request({ path: `/p${i}`, method: 'GET' }).then((r) => r.body.json())))
console.log(results.map((r) => r.url).join())
await pool.close()
await agent.close()
server.close(() => console.log('closed'))
