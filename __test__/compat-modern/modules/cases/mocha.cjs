// mocha 12 is an ES module: require('mocha') from CommonJS is require(esm). Node 24 returns its
// CommonJS default (lib/mocha.cjs's module.exports) itself, Node 20 the namespace.
const assert = require('node:assert')
const loaded = require('mocha')
console.log('required', typeof loaded)
const Mocha = typeof loaded === 'function' ? loaded : loaded.default
function Reporter(runner) {
  runner.on('pass', (test) => console.log('pass', test.fullTitle()))
  runner.on('fail', (test, error) => console.log('fail', test.fullTitle(), error.message))
}
const mocha = new Mocha({ reporter: Reporter })
const suite = Mocha.Suite.create(mocha.suite, 'math')
suite.addTest(new Mocha.Test('adds', () => assert.equal(1 + 1, 2)))
suite.addTest(new Mocha.Test('fails', () => assert.equal(1 + 1, 3, 'not three')))
suite.addTest(new Mocha.Test('async', async () => { await null }))
mocha.run((failures) => console.log('failures', failures, typeof Mocha.reporters.Spec))
