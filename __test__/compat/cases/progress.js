const ProgressBar = require('progress')
const { Writable } = require('stream')
let frames = 0
const stream = new Writable({ write(c, e, cb) { cb() } })
stream.isTTY = true
stream.columns = 80
stream.clearLine = () => {}
stream.cursorTo = () => { frames++ }
const bar = new ProgressBar(':bar :current/:total', { total: 5, stream, renderThrottle: 0, width: 10 })
for (let i = 0; i < 5; i++) bar.tick()
console.log('complete', bar.complete, 'curr', bar.curr, 'rendered', frames > 0)
