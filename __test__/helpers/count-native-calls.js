'use strict'
// Preloaded (node -r) by runtime-require.test.js: counts calls into the Rust resolver and
// package index, and prints them on exit.

const native = require('../../lib/native')

const counts = { resolve: 0, packageNameForPath: 0, packageNameForImport: 0 }
const counted = [[native.Resolver, 'resolve'], [native.PackageIndex, 'packageNameForPath'], [native.PackageIndex, 'packageNameForImport']]
for (const [Class, method] of counted) {
  const original = Class.prototype[method]
  Class.prototype[method] = function (...args) {
    counts[method] += 1
    return Reflect.apply(original, this, args)
  }
}
const { stderr } = process
process.on('exit', () => stderr.write(`NATIVE_CALLS ${JSON.stringify(counts)}\n`))
