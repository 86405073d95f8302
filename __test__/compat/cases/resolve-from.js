// Resolve a package from another directory than the caller's, then load what it found.
const path = require('path')
const resolveFrom = require('resolve-from')

const found = resolveFrom(__dirname, 'ms')
console.log(path.relative(path.join(__dirname, '..'), found))
console.log(require(found)('2h'))
console.log(resolveFrom.silent(__dirname, 'no-such-package-here'))
