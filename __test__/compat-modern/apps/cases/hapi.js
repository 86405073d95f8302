// hapi with @hapi/boom: a 404 through Boom (issue 19 item 6: errors across the membrane).
const Hapi = require('@hapi/hapi')
const Boom = require('@hapi/boom')

async function main() {
  const server = Hapi.server({ port: 0, host: '127.0.0.1' })
  server.route({ method: 'GET', path: '/items/{id}', handler: (req) => {
    if (req.params.id === 'missing') throw Boom.notFound('no such item')
    return { id: req.params.id }
  } })
  server.route({ method: 'GET', path: '/teapot', handler: () => { throw Boom.teapot('short and stout') } })
  server.route({ method: 'GET', path: '/plain', handler: () => { throw new Error('plain') } })
  await server.start()
  for (const url of ['/items/1', '/items/missing', '/teapot', '/nowhere', '/plain']) {
    const res = await fetch(`${server.info.uri}${url}`)
    console.log(url, res.status, await res.text())
  }
  const inject = await server.inject('/items/missing')
  console.log('inject', inject.statusCode, inject.result.message)
  const boom = Boom.badRequest('bad', { field: 'x' })
  console.log(boom instanceof Error, Boom.isBoom(boom), boom.output.statusCode, boom.data.field, Boom.isBoom(new Error('x')))
  const wrapped = Boom.boomify(new TypeError('oops'), { statusCode: 422 })
  console.log(wrapped instanceof TypeError, wrapped.output.payload.error)
  await server.stop()
  console.log('stopped')
}
main()
