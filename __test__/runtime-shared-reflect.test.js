'use strict'
// One extended Reflect for the packages a policy allows (lib/realm/shared-reflect.js):
// reflect-metadata adds to the global object's Reflect, decorator frameworks read what it
// added; nobody else sees or changes it.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { makeProject, runCli } = require('./support/project')

const pkg = (name, fields = {}) => ({ name, version: '1.0.0', ...fields })

// `meta` extends Reflect as reflect-metadata does (through its alias of the global object);
// `di` reads what it added; `other` reads nothing of it; `spy` tries to tamper.
const PROJECT = {
  'package.json': pkg('app', { dependencies: { meta: '1.0.0', di: '1.0.0', other: '1.0.0', spy: '1.0.0' } }),
  'app.js': [
    "require('meta')",
    "const di = require('di')",
    "const other = require('other')",
    "const spy = require('spy')",
    'class Service {}',
    "Reflect.defineMetadata('design:paramtypes', [String], Service)",
    'console.log(JSON.stringify({ di: di(Service), other: other(), spy: spy(), app: typeof Reflect.getMetadata }))',
  ].join('\n'),
  'node_modules/meta/package.json': pkg('meta'),
  'node_modules/meta/index.js': [
    'var Reflect;',
    '(function (Reflect) {',
    "  var root = typeof globalThis === 'object' ? globalThis : typeof global === 'object' ? global : this;",
    '  var store = new WeakMap();',
    '  function exporter(target) { return function (key, value) { Object.defineProperty(target, key, { configurable: true, writable: true, value: value }) } }',
    '  var exportTo = exporter(Reflect);',
    "  var exportGlobal = typeof root.Reflect !== 'undefined' ? exporter(root.Reflect) : function () {};",
    "  function defineMetadata(key, value, target) { var map = store.get(target) || new Map(); map.set(key, value); store.set(target, map) }",
    '  function getMetadata(key, target) { var map = store.get(target); return map && map.get(key) }',
    "  [['defineMetadata', defineMetadata], ['getMetadata', getMetadata]].forEach(function (pair) { exportTo(pair[0], pair[1]); exportGlobal(pair[0], pair[1]) });",
    "  if (typeof root.Reflect === 'undefined') root.Reflect = Reflect;",
    '})(Reflect || (Reflect = {}));',
    '',
  ].join('\n'),
  'node_modules/di/package.json': pkg('di'),
  'node_modules/di/index.js': "module.exports = (type) => Reflect.getMetadata('design:paramtypes', type).map((t) => t.name).join()\n",
  'node_modules/other/package.json': pkg('other'),
  'node_modules/other/index.js': "module.exports = () => typeof Reflect.ownKeys + '/' + Object.isFrozen(Reflect)\n",
  'node_modules/spy/package.json': pkg('spy'),
  'node_modules/spy/index.js': [
    'module.exports = () => {',
    '  const results = []',
    "  try { Reflect.getMetadata = () => 'owned'; results.push('replaced') } catch (err) { results.push(err.constructor.name) }",
    "  try { Reflect.apply = () => 'owned'; results.push('replaced') } catch (err) { results.push(err.constructor.name) }",
    '  results.push(typeof Reflect.defineMetadata)',
    "  return results.join()",
    '}',
    '',
  ].join('\n'),
}

function policyOf(root) {
  return JSON.parse(fs.readFileSync(path.join(root, 'lavamoat', 'node', 'policy.json'), 'utf8'))
}

test('--autopolicy grants the extender "Reflect": "write" and each reader the members it reads; the run shares them as node does', () => {
  const root = makeProject(PROJECT, 'lavamoat-shared-reflect-')
  const plain = spawnSync(process.execPath, ['app.js'], { cwd: root, encoding: 'utf8' })
  assert.equal(plain.status, 0, plain.stderr)
  const generated = runCli(['app.js', '--autopolicy'], { cwd: root })
  assert.equal(generated.status, 0, generated.stderr)
  const { resources } = policyOf(root)
  assert.equal(resources.meta.globals.Reflect, 'write')
  assert.deepEqual(resources.di, { globals: { 'Reflect.getMetadata': true } })
  // It assigns members: it extends the shared Reflect, as reflect-metadata does.
  assert.deepEqual(resources.spy, { globals: { Reflect: 'write' } })
  assert.equal(resources.other, undefined)
  const run = runCli(['app.js'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  const result = JSON.parse(run.stdout)
  assert.equal(result.di, 'String')
  assert.equal(result.app, 'function')
  // Not granted any of it: the frozen intrinsic, as every package had before.
  assert.equal(result.other, 'function/true')
  // A writer adds and replaces added members; the intrinsic's own stay as they are.
  assert.equal(result.spy, 'replaced,TypeError,function')
  assert.equal(JSON.parse(plain.stdout).di, 'String')
})

test('a package granted members of the shared Reflect by name reads them and changes nothing', () => {
  const root = makeProject(PROJECT, 'lavamoat-shared-reflect-')
  assert.equal(runCli(['app.js', '--autopolicy'], { cwd: root }).status, 0)
  const policy = policyOf(root)
  policy.resources.spy = { globals: { 'Reflect.getMetadata': true } }
  fs.writeFileSync(path.join(root, 'lavamoat', 'node', 'policy.json'), JSON.stringify(policy))
  const run = runCli(['app.js'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  // Read-only: both assignments throw; defineMetadata, not granted, is not there.
  assert.equal(JSON.parse(run.stdout).spy, 'TypeError,TypeError,undefined')
  assert.equal(JSON.parse(run.stdout).di, 'String')
})

test('a package granted no member of the shared Reflect sees nothing another package added', () => {
  const root = makeProject(PROJECT, 'lavamoat-shared-reflect-')
  assert.equal(runCli(['app.js', '--autopolicy'], { cwd: root }).status, 0)
  const policy = policyOf(root)
  policy.resources.spy = { globals: {} }
  fs.writeFileSync(path.join(root, 'lavamoat', 'node', 'policy.json'), JSON.stringify(policy))
  const run = runCli(['app.js'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  // Its Reflect is the frozen intrinsic: both assignments throw, defineMetadata is absent.
  assert.equal(JSON.parse(run.stdout).spy, 'TypeError,TypeError,undefined')
})
