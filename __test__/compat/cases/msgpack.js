const { encode, decode } = require('@msgpack/msgpack')
const bytes = encode({ a: 1, b: [true, null, 'str'], c: 1.5 })
console.log(Buffer.from(bytes).toString('hex'))
console.log(JSON.stringify(decode(bytes)))
