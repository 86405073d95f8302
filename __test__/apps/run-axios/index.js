// axios requests a JSON document from a loopback server started here, then everything closes.
const http = require('http')
const axios = require('axios')

const server = http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify({ path: req.url, agent: req.headers['user-agent'].split('/')[0] }))
})
server.listen(0, '127.0.0.1', async () => {
  try {
    const { status, data } = await axios.get(`http://127.0.0.1:${server.address().port}/items?x=1`)
    console.log(status, JSON.stringify(data))
  } finally {
    server.close()
  }
})
