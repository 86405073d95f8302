const clone = require('clone')
const src = { a: new Map([[1, { z: 1 }]]), r: /x/g, d: new Date(5), nested: { arr: [1, 2] } }
src.circ = src
const c = clone(src)
console.log(c.a.get(1).z, c.a.get(1) !== src.a.get(1), c.r.source, c.d.getTime(), c.circ === c)
