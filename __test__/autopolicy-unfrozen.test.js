'use strict'
// `lavamoat app.js --autopolicy`, then a run, on a package that adds a property to a frozen
// intrinsic (deep-equal 1.0's lib/keys.js exports `Object.keys` and adds `shim` to it): the
// policy must give that package a realm of its own, and the run print what plain node prints.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const { makeProject, runCli } = require('./support/project')

const pkg = (name, fields = {}) => ({ name, version: '1.0.0', ...fields })

const PROJECT = {
  'package.json': pkg('app', { dependencies: { 'keys-eq': '1.0.0' } }),
  'app.js': [
    "const keysEqual = require('keys-eq')",
    "console.log(JSON.stringify({ same: keysEqual({ a: 1, b: 2 }, { b: 3, a: 4 }), differ: keysEqual({ a: 1 }, { c: 1 }) }))",
    '',
  ].join('\n'),
  'node_modules/keys-eq/package.json': pkg('keys-eq'),
  'node_modules/keys-eq/index.js': [
    "var objectKeys = require('./lib/keys.js')",
    'module.exports = function (a, b) {',
    '  return objectKeys(a).sort().join() === objectKeys.shim(b).sort().join()',
    '}',
    '',
  ].join('\n'),
  // deep-equal 1.0.1's lib/keys.js, verbatim.
  'node_modules/keys-eq/lib/keys.js': [
    "exports = module.exports = typeof Object.keys === 'function'",
    '  ? Object.keys : shim;',
    '',
    'exports.shim = shim;',
    'function shim (obj) {',
    '  var keys = [];',
    '  for (var key in obj) keys.push(key);',
    '  return keys;',
    '}',
    '',
  ].join('\n'),
}

test('a package adding to a frozen intrinsic gets env unfrozen, and runs as under plain node', () => {
  const root = makeProject(PROJECT, 'lavamoat-unfrozen-')
  const plain = spawnSync(process.execPath, ['app.js'], { cwd: root, encoding: 'utf8' })
  assert.equal(plain.status, 0, plain.stderr)
  assert.equal(plain.stdout, '{"same":true,"differ":false}\n')

  const written = runCli(['app.js', '--autopolicy'], { cwd: root })
  assert.equal(written.status, 0, written.stderr)
  const text = fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8')
  assert.deepEqual(JSON.parse(text).resources, { 'keys-eq': { env: 'unfrozen' } })

  const run = runCli(['app.js'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  // That its realm's writes stay in it is runtime-globals.test.js's concern.
  assert.equal(run.stdout, plain.stdout)
})

// rolldown 1 (vite 8, vitest 4): `Symbol.asyncDispose ??= Symbol(...)` writes nothing on a Node
// that has it. A realm of its own for that made every RegExp it hands its native binding one
// of another realm, which napi's `instanceof RegExp` check refused.
test('a polyfill by logical assignment of a member every Node has asks for no realm of its own', () => {
  const root = makeProject({
    'package.json': pkg('app', { dependencies: { disposer: '1.0.0' } }),
    'app.js': "const { pattern } = require('disposer')\nconsole.log(pattern instanceof RegExp, typeof Symbol.asyncDispose)\n",
    'node_modules/disposer/package.json': pkg('disposer'),
    'node_modules/disposer/index.js': [
      "'use strict'",
      "Symbol.asyncDispose ??= Symbol('Symbol.asyncDispose')",
      "Symbol.dispose ||= Symbol('Symbol.dispose')",
      'exports.pattern = /node_modules/',
      '',
    ].join('\n'),
  }, 'lavamoat-unfrozen-')
  const plain = spawnSync(process.execPath, ['app.js'], { cwd: root, encoding: 'utf8' })
  assert.equal(plain.stdout, 'true symbol\n', plain.stderr)

  const written = runCli(['app.js', '--autopolicy'], { cwd: root })
  assert.equal(written.status, 0, written.stderr)
  const { resources } = JSON.parse(fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8'))
  assert.equal(resources.disposer, undefined)

  const run = runCli(['app.js'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, plain.stdout)
})
