'use strict'
// Child process of ses-source.test.js: locks down as lavamoat does, then for each CommonJS
// body on stdin (a JSON array) evaluates lavamoat's rewrite of it in a compartment and runs
// it as a module function. Prints a JSON array of { out } (what the body returned) or
// { error } (the message of what compiling or running threw).

const { lockdownRealm } = require('../../lib/realm/lockdown')
const { evadeSesRejections } = require('../../lib/modules/module-source')

lockdownRealm()
const bodies = JSON.parse(require('node:fs').readFileSync(0, 'utf8'))
const compartment = new Compartment({ __options__: true })
const results = bodies.map((body) => {
  try {
    const source = `(function () { return function (exports, require, module, __filename, __dirname) { ${evadeSesRejections(body)}\n} })`
    const moduleFunction = compartment.evaluate(source)()
    return { out: moduleFunction({}, undefined, {}, '/x.js', '/') }
  } catch (err) {
    return { error: String(err && err.message) }
  }
})
process.stdout.write(JSON.stringify(results))
