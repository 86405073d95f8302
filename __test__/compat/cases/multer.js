const multer = require('multer')
const FormData = require('form-data')
const http = require('http')
const upload = multer({ storage: multer.memoryStorage() })
const server = http.createServer((req, res) => upload.single('doc')(req, res, (err) => {
  res.end(JSON.stringify({ err: err && err.message, field: req.body.title, name: req.file.originalname, size: req.file.size, text: req.file.buffer.toString() }))
}))
server.listen(0, '127.0.0.1', () => {
  const form = new FormData()
  form.append('title', 'report')
  form.append('doc', Buffer.from('file body'), { filename: 'a.txt', contentType: 'text/plain' })
  form.submit(`http://127.0.0.1:${server.address().port}/`, (err, res) => {
    let b = ''
    res.on('data', (c) => (b += c))
    res.on('end', () => { console.log(err, b); server.close() })
  })
})
