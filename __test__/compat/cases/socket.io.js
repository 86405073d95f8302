const { Server } = require('socket.io')
const { io: connect } = require('socket.io-client')
const http = require('http')
const httpServer = http.createServer()
const io = new Server(httpServer)
io.on('connection', (socket) => socket.on('hello', (msg, ack) => ack('hi ' + msg)))
httpServer.listen(0, '127.0.0.1', () => {
  const client = connect(`http://127.0.0.1:${httpServer.address().port}`, { transports: ['websocket'] })
  client.emit('hello', 'lava', (reply) => {
    console.log(reply)
    client.close()
    io.close(() => console.log('closed'))
  })
})
