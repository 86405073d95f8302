const { io } = require('socket.io-client')
const http = require('http')
// A bare HTTP server that speaks the Engine.IO polling handshake is enough to see the client connect.
const server = http.createServer((req, res) => { res.statusCode = 400; res.end('{"code":0,"message":"Transport unknown"}') })
server.listen(0, '127.0.0.1', () => {
  const socket = io(`http://127.0.0.1:${server.address().port}`, { reconnection: false, transports: ['polling'] })
  socket.on('connect_error', (err) => { console.log('connect_error', err.message); socket.close(); server.close() })
})
