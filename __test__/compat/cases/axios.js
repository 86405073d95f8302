const axios = require('axios')
const http = require('http')
const server = http.createServer((req, res) => {
  let b = ''
  req.on('data', (c) => (b += c))
  req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ method: req.method, url: req.url, body: b })) })
})
server.listen(0, '127.0.0.1', async () => {
  const client = axios.create({ baseURL: `http://127.0.0.1:${server.address().port}` })
  const r = await client.post('/p', { a: 1 }, { params: { q: 'z' } })
  console.log(r.status, JSON.stringify(r.data))
  try { await axios.get('http://127.0.0.1:1/') } catch (e) { console.log('refused', e.code) }
  server.close()
})
