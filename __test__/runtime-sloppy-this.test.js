'use strict'
// `this` of a sloppy-mode function called plainly is the global object under Node; SES runs
// every module strict, so the loader rewrites it (src/transform/sloppy_this.rs): a package without
// "use strict" prints under lavamoat what it prints under plain node, its global being its
// compartment's own. (Functions under "use strict" keep theirs: src/transform/sloppy_this.rs tests; a
// file with "use strict" anywhere is not rewritten at all, module-source.js says why.)

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const { writeProject, runProject, NODE } = require('./helpers/runtime-project')

// As @cspotcode/source-map-support keeps state shared by its copies on the global object.
const SLOPPY = `
var key = Symbol.for('sloppy/shared')
function initialize() {
  if (!this[key]) Object.defineProperty(this, key, { value: { copies: 0 } })
  this[key].copies++
  return this[key]
}
var shared = initialize()
var o = { name: 'o', method: function () { return this && this.name }, arrow: function () { return (() => this === globalThis)() } }
var detached = o.method
class C { static m() { return this === C } }
module.exports = {
  copies: shared.copies,
  plainCallSeesGlobal: (function () { return this === globalThis })(),
  callWithNullSeesGlobal: (function () { return this === globalThis }).call(null),
  methodKeepsReceiver: o.method(),
  detachedSeesGlobal: detached() === undefined && (function () { return this })() === globalThis,
  arrowSeesItsFunctions: o.arrow.call(undefined),
  classStays: C.m(),
  topLevelIsExports: this === module.exports,
}
`

test('sloppy functions called plainly see the global object, methods their receiver; classes stay strict', () => {
  const root = writeProject({
    files: {
      'index.js': "'use strict'\nconst r = require('sloppy')\nconsole.log(JSON.stringify({ ...r, rootSeesIt: Symbol.for('sloppy/shared') in globalThis }))\n",
      'node_modules/sloppy/index.js': SLOPPY,
    },
    packages: { 'node_modules/sloppy': [] },
    policy: { resources: { sloppy: { globals: {} } } },
  })
  const expected = {
    copies: 1,
    plainCallSeesGlobal: true,
    callWithNullSeesGlobal: true,
    methodKeepsReceiver: 'o',
    detachedSeesGlobal: true,
    arrowSeesItsFunctions: true,
    classStays: true,
    topLevelIsExports: true,
  }
  const plain = spawnSync(NODE, ['index.js'], { cwd: root, encoding: 'utf8' })
  assert.deepEqual(JSON.parse(plain.stdout), { ...expected, rootSeesIt: true })
  const run = runProject(root)
  assert.equal(run.status, 0, run.stderr)
  // The package wrote its own global object, not the app's.
  assert.deepEqual(JSON.parse(run.stdout), { ...expected, rootSeesIt: false })
})

test('a file that names the rewrite\'s parameter cannot reach it', () => {
  const root = writeProject({
    files: {
      'index.js': "console.log(JSON.stringify(require('sloppy')))\n",
      'node_modules/sloppy/index.js': 'var $lavamoatGlobal = "mine"\nmodule.exports = [$lavamoatGlobal, (function () { return this === globalThis })()]\n',
    },
    packages: { 'node_modules/sloppy': [] },
    policy: { resources: { sloppy: { globals: {} } } },
  })
  const run = runProject(root)
  assert.equal(run.status, 0, run.stderr)
  assert.deepEqual(JSON.parse(run.stdout), ['mine', true])
})
