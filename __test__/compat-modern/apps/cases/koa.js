const Koa = require('koa')
const Router = require('@koa/router')
const http = require('node:http')

const app = new Koa()
const router = new Router({ prefix: '/api' })
router.get('/users/:id', (ctx) => { ctx.body = { id: Number(ctx.params.id), q: ctx.query.q } })
router.post('/fail', (ctx) => ctx.throw(418, 'teapot here'))
app.use(async (ctx, next) => { await next(); ctx.set('X-Done', '1') })
app.use(router.routes()).use(router.allowedMethods())

const server = app.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`
  for (const [method, url] of [['GET', '/api/users/7?q=x'], ['POST', '/api/fail'], ['PUT', '/api/users/1'], ['GET', '/missing']]) {
    const res = await fetch(base + url, { method })
    console.log(method, url, res.status, res.headers.get('x-done'), res.headers.get('allow'), await res.text())
  }
  server.close(() => console.log('closed'))
})
