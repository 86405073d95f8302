// @google-cloud/storage offline: signing a V4 URL with a fixed service-account key and a fixed
// expiry (no request is made), bucket and file objects, and a local emulator host for one call.
const { Storage } = require('@google-cloud/storage')
const crypto = require('node:crypto')
const http = require('node:http')

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024, publicExponent: 0x10001 })
const server = http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify({ kind: 'storage#object', name: 'a.txt', bucket: 'bkt', size: '5', path: req.url.split('?')[0] }))
})
server.listen(0, '127.0.0.1', async () => {
  process.env.STORAGE_EMULATOR_HOST = `http://127.0.0.1:${server.address().port}`
  const storage = new Storage({ projectId: 'p', credentials: { client_email: 'sa@p.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }) } })
  const file = storage.bucket('bkt').file('a.txt')
  console.log(file.name, file.bucket.name, file.cloudStorageURI.href)
  const [metadata] = await file.getMetadata()
  console.log(metadata.name, metadata.size, metadata.path)
  server.close(() => console.log('closed'))
})
