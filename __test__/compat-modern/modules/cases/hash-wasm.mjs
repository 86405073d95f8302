import { sha256, md5, xxhash64, blake3, argon2id, createSHA1, bcrypt } from 'hash-wasm'
console.log(await sha256('abc'))
console.log(await md5('hello'), await xxhash64('hello'), await blake3('hello'))
const salt = new Uint8Array(16).fill(7)
console.log(await argon2id({ password: 'pw', salt, parallelism: 1, iterations: 2, memorySize: 256, hashLength: 16, outputType: 'hex' }))
const sha1 = await createSHA1()
sha1.init(); sha1.update('a'); sha1.update('b')
console.log(sha1.digest())
console.log(await bcrypt({ password: 'pw', salt, costFactor: 4, outputType: 'encoded' }))
