const chokidar = require('chokidar')
const fs = require('fs')
const os = require('os')
const path = require('path')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-chokidar-'))
const watcher = chokidar.watch(dir, { ignoreInitial: true, usePolling: false })
let done = false
watcher.on('ready', () => {
  console.log('ready')
  fs.writeFileSync(path.join(dir, 'new.txt'), 'x')
})
watcher.on('add', (file) => {
  if (done) return
  done = true
  console.log('add', path.basename(file))
  watcher.close().then(() => { fs.rmSync(dir, { recursive: true }); console.log('closed') })
})
