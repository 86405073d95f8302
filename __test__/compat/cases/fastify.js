const fastify = require('fastify')({ logger: false })
fastify.get('/hi', async (request) => ({ hi: request.query.name || 'anon' }))
fastify.post('/echo', { schema: { body: { type: 'object', required: ['a'], properties: { a: { type: 'number' } } } } }, async (req) => req.body)
fastify.listen({ port: 0, host: '127.0.0.1' }).then(async (address) => {
  const http = require('http')
  const body = await new Promise((resolve) => http.get(address + '/hi?name=lava', (res) => {
    let b = ''
    res.on('data', (c) => (b += c))
    res.on('end', () => resolve(res.statusCode + ' ' + b))
  }))
  console.log(body)
  const injected = await fastify.inject({ method: 'POST', url: '/echo', payload: { a: 'x' } })
  console.log(injected.statusCode, JSON.parse(injected.body).message)
  await fastify.close()
  console.log('closed')
})
