const equal = require('fast-deep-equal')
const equalES6 = require('fast-deep-equal/es6')
console.log(equal({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), equal({ a: 1 }, { a: '1' }), equalES6(new Map([[1, 2]]), new Map([[1, 2]])), equalES6(new Set([1]), new Set([2])))
