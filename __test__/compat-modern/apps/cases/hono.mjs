// hono served by @hono/node-server on port 0 of 127.0.0.1.
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { serve } from '@hono/node-server'

const app = new Hono()
app.use('*', async (c, next) => { await next(); c.header('X-Mw', 'yes') })
app.get('/hello/:name', (c) => c.json({ hello: c.req.param('name'), q: c.req.query('q') }))
app.get('/boom', () => { throw new HTTPException(401, { message: 'who are you' }) })
app.post('/text', async (c) => c.text(`len=${(await c.req.text()).length}`, 202))

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, async ({ port }) => {
  for (const [method, url] of [['GET', '/hello/lava?q=1'], ['GET', '/boom'], ['POST', '/text'], ['GET', '/404']]) {
    const res = await fetch(`http://127.0.0.1:${port}${url}`, { method, body: method === 'POST' ? 'abcdef' : undefined })
    console.log(method, url, res.status, res.headers.get('x-mw'), await res.text())
  }
  server.close(() => console.log('closed'))
})
