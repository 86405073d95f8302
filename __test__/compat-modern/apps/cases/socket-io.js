// socket.io 4 round trip on port 0 of 127.0.0.1: an event, an acknowledgement, a room broadcast.
const { Server } = require('socket.io')
const { io: connect } = require('socket.io-client')
const http = require('node:http')

const httpServer = http.createServer()
const io = new Server(httpServer)
io.on('connection', (socket) => {
  socket.join('room1')
  socket.on('add', (a, b, ack) => ack(a + b))
  socket.on('shout', (text) => io.to('room1').emit('heard', text.toUpperCase()))
})
httpServer.listen(0, '127.0.0.1', () => {
  const client = connect(`http://127.0.0.1:${httpServer.address().port}`, { transports: ['websocket'], reconnection: false })
  client.on('connect', () => {
    client.emit('add', 2, 3, (sum) => {
      console.log('sum', sum)
      client.emit('shout', 'hello')
    })
  })
  client.on('heard', (text) => {
    console.log('heard', text)
    client.close()
    io.close(() => console.log('closed'))
  })
})
