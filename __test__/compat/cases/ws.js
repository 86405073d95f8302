const { WebSocketServer, WebSocket } = require('ws')
const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' }, () => {
  const ws = new WebSocket(`ws://127.0.0.1:${wss.address().port}`)
  ws.on('open', () => ws.send('ping'))
  ws.on('message', (data) => { console.log('client got', data.toString()); ws.close() })
  ws.on('close', () => wss.close(() => console.log('closed')))
})
wss.on('connection', (socket) => socket.on('message', (m) => socket.send('pong:' + m)))
