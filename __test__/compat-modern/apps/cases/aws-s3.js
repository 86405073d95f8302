// @aws-sdk/client-s3 with a requestHandler that answers in process (no network): the request
// it signs and sends, and the response it parses.
const { S3Client, PutObjectCommand, GetObjectCommand, ListObjectsV2Command } = require('@aws-sdk/client-s3')
const { Readable } = require('node:stream')

const store = new Map()
const seen = []
const requestHandler = {
  async handle(request) {
    seen.push(`${request.method} ${request.hostname}${request.path} ${Object.keys(request.query || {}).sort().join(',')}`)
    const key = decodeURIComponent(request.path.split('/').slice(2).join('/'))
    let body = ''
    let headers = { 'content-type': 'application/xml' }
    if (request.method === 'PUT') {
      const chunks = []
      for await (const chunk of Readable.from(request.body instanceof Uint8Array || typeof request.body === 'string' ? [request.body] : request.body)) chunks.push(Buffer.from(chunk))
      store.set(key, Buffer.concat(chunks).toString())
      headers = { etag: '"abc"' }
    } else if (request.query && request.query['list-type']) {
      body = `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>bucket</Name><KeyCount>${store.size}</KeyCount>${[...store.keys()].map((k) => `<Contents><Key>${k}</Key><Size>${store.get(k).length}</Size></Contents>`).join('')}<IsTruncated>false</IsTruncated></ListBucketResult>`
    } else {
      body = store.get(key)
      headers = { 'content-type': 'text/plain', 'content-length': String(body.length), etag: '"abc"' }
    }
    return { response: { statusCode: 200, headers, body: Readable.from([Buffer.from(body)]) } }
  },
}

async function main() {
  const s3 = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'SECRET' }, requestHandler, forcePathStyle: true, endpoint: 'http://s3.local' })
  const put = await s3.send(new PutObjectCommand({ Bucket: 'bucket', Key: 'dir/hello.txt', Body: 'hello s3' }))
  console.log('put', put.ETag, put.$metadata.httpStatusCode)
  const got = await s3.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'dir/hello.txt' }))
  console.log('get', await got.Body.transformToString(), got.ContentType)
  const list = await s3.send(new ListObjectsV2Command({ Bucket: 'bucket' }))
  console.log('list', list.KeyCount, list.Contents.map((c) => `${c.Key}:${c.Size}`).join())
  console.log(seen.join('\n'))
}
main()
