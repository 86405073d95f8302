const Fastify = require('fastify')
const fp = require('fastify-plugin')

const counter = fp(async (app, opts) => {
  app.decorate('hits', { n: opts.start })
  app.addHook('onRequest', async () => { app.hits.n += 1 })
}, { name: 'counter' })

async function main() {
  const app = Fastify({ logger: false })
  await app.register(counter, { start: 10 })
  app.get('/hello/:name', { schema: { params: { type: 'object', properties: { name: { type: 'string', minLength: 2 } } } } }, async (req) => ({ hello: req.params.name, hits: app.hits.n }))
  app.post('/echo', async (req, reply) => reply.code(201).send({ got: req.body }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${app.server.address().port}`
  let res = await fetch(`${base}/hello/lava`)
  console.log(res.status, await res.text())
  res = await fetch(`${base}/hello/x`)
  console.log(res.status, (await res.json()).message)
  res = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":[1,2]}' })
  console.log(res.status, await res.text())
  const injected = await app.inject({ method: 'GET', url: '/nope' })
  console.log(injected.statusCode, injected.json().error)
  await app.close()
  console.log('closed')
}
main()
