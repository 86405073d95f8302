'use strict'
// --debugMode, --statsMode, --scuttleGlobalThis.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { scaffold, runProject, resultOf } = require('./helpers/runtime-project')

test('--debugMode reports where policies are looked up', () => {
  const dir = scaffold({ override: { resources: { one: { packages: { two: true } } } } })
  const run = runProject(dir, { args: ['--debugMode'] })
  assert.equal(run.status, 0, run.stderr)
  assert.ok(run.stderr.includes(`lavamoat: looking for policy at '${path.join(dir, 'lavamoat/node/policy.json')}'`))
  assert.ok(run.stderr.includes(`lavamoat: looking for policy at '${path.join(dir, 'lavamoat/node/policy-override.json')}'`))
  assert.ok(run.stderr.includes('lavamoat: merging policy-override.json into policy.json'))
  const missing = runProject(scaffold({ policy: null }), { args: ['--debugMode'] })
  assert.match(missing.stderr, /lavamoat: no file at '.*policy\.json'/)
})

test('--statsMode writes the module init tree as a flame JSON file in the working directory', () => {
  const dir = scaffold({})
  const run = runProject(dir, { args: ['--statsMode'] })
  assert.equal(run.status, 0, run.stderr)
  const entry = path.join(dir, 'index.js')
  assert.match(run.stderr, new RegExp(`completed module graph init "\\d+" in \\d+ms \\("${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\)`))
  const [, written] = run.stderr.match(/wrote stats file to "\.\/(lavamoat-flame-\d+\.json)"/)
  const text = fs.readFileSync(path.join(dir, written), 'utf8')
  const tree = JSON.parse(text)
  assert.equal(text, JSON.stringify(tree, null, 2))
  assert.equal(tree.name, entry)
  assert.equal(tree.version, 1)
  assert.equal(typeof tree.value, 'number')
  assert.ok(tree.endTime >= tree.startTime)
  assert.equal(tree.children[0].name, path.join(dir, 'node_modules/one/index.js'))
  assert.equal(tree.children[0].children[0].name, path.join(dir, 'node_modules/two/index.js'))
})

test('--scuttleGlobalThis: the kernel keeps resolving and loading with process and console scuttled', () => {
  const dir = scaffold({
    entry: () => {
      const result = require('one')
      process.stdout.write(`${JSON.stringify(result)}\n`)
    },
    one: () => {
      module.exports = { two: require('two').value, fs: typeof require('fs').readFileSync, three: require('three').value }
    },
    policy: { resources: { one: { builtin: { 'fs.readFileSync': true } } } },
  })
  // Only the root copy of process keeps working; everything else on the host global throws.
  const run = runProject(dir, { args: ['--scuttleGlobalThis', JSON.stringify({ enabled: true, exceptions: ['process'] })] })
  assert.deepEqual(resultOf(run), { two: 'this is module two', fs: 'function', three: 'this is module three' })
})

test('--scuttleGlobalThis: the real global is scuttled, regexp exceptions honoured', () => {
  const dir = scaffold({
    entry: () => {
      const hostGlobal = require('vm').runInThisContext('globalThis')
      const probe = (name) => { try { return typeof hostGlobal[name] } catch (err) { return /inaccessible under scuttling mode/.test(err.message) ? 'scuttled' : err.message } }
      process.stdout.write(`${JSON.stringify({ setTimeout: probe('setTimeout'), setInterval: probe('setInterval'), Object: probe('Object'), rootTimer: typeof setTimeout })}\n`)
    },
  })
  const run = runProject(dir, { args: ['--scuttleGlobalThis', JSON.stringify({ enabled: true, exceptions: ['process', '/^setI/'] })] })
  assert.deepEqual(resultOf(run), { setTimeout: 'scuttled', setInterval: 'function', Object: 'function', rootTimer: 'function' })
})
