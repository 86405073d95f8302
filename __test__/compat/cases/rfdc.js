const clone = require('rfdc')({ circles: true })
const o = { a: [1, { b: new Date(0) }], m: 1 }
o.self = o
const c = clone(o)
console.log(c !== o, c.self === c, c.a[1].b.getTime(), c.a[1] !== o.a[1])
