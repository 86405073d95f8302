const deepmerge = require('deepmerge')
console.log(JSON.stringify(deepmerge({ a: [1], b: { c: 1 } }, { a: [2], b: { d: 2 } })))
console.log(JSON.stringify(deepmerge.all([{ x: 1 }, { y: 2 }, { x: 3 }])), JSON.stringify(deepmerge({ a: [1] }, { a: [2] }, { arrayMerge: (d, s) => s })))
