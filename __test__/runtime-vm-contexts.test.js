'use strict'
// A package granted vm's context functions builds a realm of its own, as jsdom builds its
// window: the realm's global and intrinsics come back as the real ones of that realm
// (lib/membranes/vm-realms.js), under lavamoat as under plain node.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const { writeProject, runProject, body } = require('./helpers/runtime-project')

const NODE = process.env.LAVAMOAT_TEST_NODE || process.execPath

// What jsdom does (browser/Window.js, living/generated/utils.js), and a Script on top.
const windowInAContext = () => {
  const vm = require('vm')
  const window = {}
  vm.createContext(window)
  const globalProxy = vm.runInContext('this', window)
  for (const name of ['Object', 'Function', 'Array', 'TypeError']) {
    Object.defineProperty(window, name, { value: vm.runInContext(name, window), writable: true, configurable: true })
  }
  const made = vm.runInContext('({ list: [1, 2] })', window)
  const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(new window.Array()[Symbol.iterator]()))
  let thrown
  try {
    vm.runInContext('null.x', window)
  } catch (error) {
    thrown = error
  }
  module.exports = {
    sameGlobal: vm.runInContext('globalThis', window) === globalProxy && vm.runInContext('this', window) === globalProxy,
    realmObject: typeof window.Object.prototype === 'object' && window.Object !== Object,
    builtThere: Object.getPrototypeOf(made) === window.Object.prototype && made.list instanceof window.Array,
    iterator: iteratorPrototype === vm.runInContext('Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))', window),
    asyncGenerator: typeof window.Function('return (async function* () {})')().prototype,
    seenInside: new vm.Script('typeof Object + " " + (({}).constructor === Object)').runInContext(window),
    unfrozenThere: vm.runInContext('Object.isFrozen(Object.prototype)', window),
    thrown: thrown instanceof window.TypeError,
    newContext: vm.runInNewContext('[1, 2, 3].map((n) => n * 2).join("-")'),
  }
}

test('a package\'s own vm context hands back its realm\'s real global and intrinsics (jsdom\'s window)', () => {
  const root = writeProject({
    files: {
      'index.js': "console.log(JSON.stringify(require('win')))\n",
      'node_modules/win/index.js': body(windowInAContext),
    },
    packages: { 'node_modules/win': [] },
    policy: {
      resources: {
        win: { builtin: { 'vm.createContext': true, 'vm.runInContext': true, 'vm.runInNewContext': true, 'vm.Script': true } },
      },
    },
  })
  const expected = {
    sameGlobal: true, realmObject: true, builtThere: true, iterator: true, asyncGenerator: 'object',
    seenInside: 'function true', unfrozenThere: false, thrown: true, newContext: '2-4-6',
  }
  const plain = spawnSync(NODE, ['index.js'], { cwd: root, encoding: 'utf8' })
  assert.equal(plain.status, 0, plain.stderr)
  assert.deepEqual(JSON.parse(plain.stdout), expected)
  const run = runProject(root)
  assert.equal(run.status, 0, run.stderr)
  assert.deepEqual(JSON.parse(run.stdout), expected)
})

test('an object of an attenuated builtin made a context\'s global is used there as the package holds it', () => {
  const streamAsGlobal = () => {
    const vm = require('vm')
    const stream = require('fs').createReadStream(__filename)
    stream.on('error', () => {})
    vm.createContext(stream)
    module.exports = {
      isContext: vm.isContext(stream),
      readThere: vm.runInContext('typeof this.pipe + " " + (this.path === path)', stream),
    }
    stream.destroy()
  }
  const root = writeProject({
    files: {
      'index.js': "console.log(JSON.stringify(require('win')))\n",
      'node_modules/win/index.js': body(streamAsGlobal),
    },
    packages: { 'node_modules/win': [] },
    policy: {
      resources: {
        win: { builtin: { 'fs.createReadStream': true, 'vm.createContext': true, 'vm.runInContext': true, 'vm.isContext': true }, globals: { __filename: true } },
      },
    },
  })
  const run = runProject(root)
  assert.equal(run.status, 0, run.stderr)
  assert.deepEqual(JSON.parse(run.stdout), { isContext: true, readThere: 'function true' })
})
