const { nanoid, customAlphabet } = require('nanoid')
const { nanoid: insecure } = require('nanoid/non-secure')
console.log(nanoid().length, /^[A-Za-z0-9_-]+$/.test(nanoid()), insecure(10).length)
console.log(/^[ab]{8}$/.test(customAlphabet('ab', 8)()))
