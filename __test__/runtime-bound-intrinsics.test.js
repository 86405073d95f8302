'use strict'
// Module functions take the compartment's language intrinsics as parameters (speed, see
// lib/modules/module-source.js): the values must be the compartment's own, shadowing must work, and
// everything else must still go through the compartment's global.

const test = require('node:test')
const assert = require('node:assert/strict')
const { writeProject, runProject, body } = require('./helpers/runtime-project')

/** `code`: a function whose body is the module, or the module's source text itself. */
function run(code, resource = {}) {
  const source = typeof code === 'string' ? code : body(code)
  const root = writeProject({
    files: { 'index.js': "console.log(JSON.stringify(require('pkg')))\n", 'node_modules/pkg/index.js': source },
    packages: { 'node_modules/pkg': [] },
    policy: { resources: { pkg: resource } },
  })
  const result = runProject(root)
  assert.equal(result.status, 0, result.stderr)
  return JSON.parse(result.stdout)
}

test('bound intrinsics are the compartment\'s own values', () => {
  const same = () => {
    module.exports = [Math === globalThis.Math, Object === globalThis.Object, JSON === globalThis.JSON, Array.isArray([])]
  }
  assert.deepEqual(run(same), [true, true, true, true])
  // A package in a fresh realm gets that realm's intrinsics, not the locked-down ones.
  assert.deepEqual(run(same, { env: 'unfrozen' }), [true, true, true, true])
})

test('a module\'s own declaration of an intrinsic name shadows the bound one', () => {
  // Top-level declarations, as a module writes them.
  const shadow = "var Math = { max: () => 'own max' }\nfunction JSON() {}\nmodule.exports = [Math.max(1, 2), typeof JSON]\n"
  assert.deepEqual(run(shadow), ['own max', 'function'])
  const strictShadow = "'use strict'\nconst Map = 'own map'\nmodule.exports = [Map]\n"
  assert.deepEqual(run(strictShadow), ['own map'])
})

test('names that are not language intrinsics still fail closed', () => {
  const probe = () => {
    module.exports = [typeof process, typeof Buffer, typeof setTimeout]
  }
  assert.deepEqual(run(probe), ['undefined', 'undefined', 'undefined'])
})

test('granted globals that no package may write are bound to the values the policy grants', () => {
  const probe = () => {
    module.exports = [
      process === globalThis.process,
      typeof process.pid,
      typeof process.env,
      Buffer === globalThis.Buffer,
      Buffer.isBuffer(Buffer.from('x')),
    ]
  }
  // `process.pid` grants a view holding only `pid`: binding must not widen it to the real process.
  assert.deepEqual(run(probe, { globals: { 'process.pid': true, Buffer: true } }), [true, 'number', 'undefined', true, true])
})

test('a granted global some package may write stays a live lookup', () => {
  const root = writeProject({
    files: {
      'index.js': "require('writer'); console.log(JSON.stringify(require('reader')()))\n",
      'node_modules/writer/index.js': "globalThis.shared = 'written'\n",
      'node_modules/reader/index.js': 'module.exports = () => [shared]\n',
    },
    packages: { 'node_modules/writer': [], 'node_modules/reader': [] },
    policy: { resources: { writer: { globals: { shared: 'write' } }, reader: { globals: { shared: true } } } },
  })
  const result = runProject(root)
  assert.equal(result.status, 0, result.stderr)
  assert.deepEqual(JSON.parse(result.stdout), ['written'])
})
