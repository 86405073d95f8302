import { Headers, Request } from 'node-fetch'
const headers = new Headers({ 'Content-Type': 'application/json' })
headers.append('X-Moat', 'lava')
const request = new Request('https://example.invalid/items', { method: 'PUT', headers, body: '{}' })
console.log(request.method, request.url, [...request.headers.keys()].join())
