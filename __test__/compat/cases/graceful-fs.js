const gfs = require('graceful-fs')
const os = require('os')
const path = require('path')
const file = path.join(gfs.mkdtempSync(path.join(os.tmpdir(), 'compat-gfs-')), 'f.txt')
gfs.writeFile(file, 'hello', (err) => {
  gfs.readFile(file, 'utf8', (err2, text) => {
    console.log(err, err2, text)
    gfs.rmSync(path.dirname(file), { recursive: true })
    console.log(typeof gfs.gracefulify)
  })
})
