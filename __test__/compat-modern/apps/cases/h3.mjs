// h3 2: routes, body parsing and HTTPError, answered through its fetch handler.
import { H3, HTTPError, readBody, getRouterParam } from 'h3'
import http from 'node:http'

const app = new H3()
app.get('/hi/:name', (event) => ({ hi: getRouterParam(event, 'name') }))
app.post('/body', async (event) => ({ got: await readBody(event) }))
app.get('/err', () => { throw new HTTPError({ status: 409, message: 'conflict here' }) })

for (const [method, url, body] of [['GET', '/hi/lava'], ['POST', '/body', '{"x":1}'], ['GET', '/err'], ['GET', '/none']]) {
  const res = await app.fetch(new Request(`http://localhost${url}`, { method, body, headers: body ? { 'content-type': 'application/json' } : {} }))
  console.log(method, url, res.status, await res.text())
}
