const Koa = require('koa')
const Router = require('koa-router')
const http = require('http')
const app = new Koa()
const router = new Router({ prefix: '/api' })
router.get('user', '/users/:id', (ctx) => { ctx.body = `user ${ctx.params.id}` })
app.use(router.routes()).use(router.allowedMethods())
const server = app.listen(0, '127.0.0.1', () => {
  http.get(`http://127.0.0.1:${server.address().port}/api/users/7`, (res) => {
    let body = ''
    res.on('data', (c) => (body += c))
    res.on('end', () => { console.log(res.statusCode, body, router.url('user', 3)); server.close() })
  })
})
