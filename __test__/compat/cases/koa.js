const Koa = require('koa')
const http = require('http')
const app = new Koa()
app.use(async (ctx, next) => { await next(); ctx.set('X-Seen', 'yes') })
app.use(async (ctx) => { ctx.body = { path: ctx.path, method: ctx.method } })
const server = app.listen(0, '127.0.0.1', () => {
  http.get(`http://127.0.0.1:${server.address().port}/k?x=1`, (res) => {
    let body = ''
    res.on('data', (c) => (body += c))
    res.on('end', () => { console.log(res.statusCode, res.headers['x-seen'], body); server.close() })
  })
})
