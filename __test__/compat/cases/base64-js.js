const base64 = require('base64-js')
const bytes = base64.toByteArray('aGVsbG8gd29ybGQ=')
console.log(Array.from(bytes).join(','), base64.fromByteArray(new Uint8Array([0, 255, 128])), base64.byteLength('aGk='))
