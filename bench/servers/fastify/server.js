'use strict'
// fastify 5, hello JSON: one route with a path parameter and a query string. Listens on a port
// the system picks and prints it, which is how the bench (lib/servers-section.js) finds it.
const fastify = require('fastify')()

fastify.get('/item/:id', async (request) => ({ id: request.params.id, q: request.query.q ?? null, ok: true }))
fastify.listen({ port: 0, host: '127.0.0.1' }).then(() => {
  console.log(`listening ${fastify.server.address().port}`)
})
