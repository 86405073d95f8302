const stringify = require('fast-json-stable-stringify')
console.log(stringify({ c: 8, b: [{ z: 6, y: 5, x: 4 }, 7], a: 3 }), stringify({ b: 1, a: 2 }, { cmp: (a, b) => (a.key < b.key ? 1 : -1) }))
