const hash = require('object-hash')
console.log(hash({ foo: 'bar', n: [1, 2] }), hash({ n: [1, 2], foo: 'bar' }) === hash({ foo: 'bar', n: [1, 2] }), hash.MD5('x'), hash.keys({ b: 1, a: 2 }))
