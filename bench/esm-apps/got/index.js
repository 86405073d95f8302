import got, { Options } from 'got'
const client = got.extend({ prefixUrl: 'https://example.invalid/api', headers: { 'x-app': 'moat' }, retry: { limit: 0 } })
const options = new Options({ url: 'https://example.invalid/x', method: 'POST', json: { a: 1 } })
console.log(typeof client.get, client.defaults.options.prefixUrl, options.method, options.url.hostname)
