'use strict'
// `lavamoat app.js --autopolicy`, then a run, on a package that reads timers through its own
// module exporting the global object (engine.io-client's build/cjs/globals.node.js): the
// policy must grant what is read through the alias, so that the run finds it.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { makeProject, runCli } = require('./support/project')

const pkg = (name, fields = {}) => ({ name, version: '1.0.0', ...fields })

const PROJECT = {
  'package.json': pkg('app', { dependencies: { 'shim-timers': '1.0.0' } }),
  'app.js': [
    "const { later } = require('shim-timers')",
    "later(() => console.log(JSON.stringify({ fired: true })))",
    '',
  ].join('\n'),
  'node_modules/shim-timers/package.json': pkg('shim-timers', { main: 'build/index.js' }),
  'node_modules/shim-timers/build/globals.node.js': [
    '"use strict";',
    'exports.globalThisShim = global;',
    '',
  ].join('\n'),
  // As engine.io-client's util.js: the native timers, bound at load time.
  'node_modules/shim-timers/build/index.js': [
    '"use strict";',
    'const globals_node_js_1 = require("./globals.node.js");',
    'const NATIVE_SET_TIMEOUT = globals_node_js_1.globalThisShim.setTimeout;',
    'const NATIVE_CLEAR_TIMEOUT = globals_node_js_1.globalThisShim.clearTimeout;',
    'const setTimeoutFn = NATIVE_SET_TIMEOUT.bind(globals_node_js_1.globalThisShim);',
    'const clearTimeoutFn = NATIVE_CLEAR_TIMEOUT.bind(globals_node_js_1.globalThisShim);',
    'exports.later = (callback) => { clearTimeoutFn(setTimeoutFn(() => {}, 0)); setTimeoutFn(callback, 1) };',
    '',
  ].join('\n'),
}

test('globals read through a package\'s own global alias are granted, and the app runs', () => {
  const root = makeProject(PROJECT, 'lavamoat-global-alias-')
  const written = runCli(['app.js', '--autopolicy'], { cwd: root })
  assert.equal(written.status, 0, written.stderr)
  const policy = JSON.parse(fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8'))
  assert.deepEqual(policy.resources['shim-timers'], { globals: { clearTimeout: true, setTimeout: true } })

  const run = runCli(['app.js'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  assert.deepEqual(JSON.parse(run.stdout.trim()), { fired: true })
})

test('a function called at once with the global object reads globals through its parameter (setimmediate): the run ends as under node', () => {
  const root = makeProject({
    'package.json': pkg('app', { dependencies: { 'immediate-shim': '1.0.0' } }),
    'app.js': "require('immediate-shim')\nsetImmediate(() => console.log('ran'))\n",
    'node_modules/immediate-shim/package.json': pkg('immediate-shim'),
    // As setimmediate 1.0.5: without the real setImmediate it falls back to a MessageChannel,
    // whose open port keeps the process alive.
    'node_modules/immediate-shim/index.js': [
      '(function (global, undefined) {',
      '  if (global.setImmediate) return;',
      '  const channel = new global.MessageChannel();',
      '  channel.port1.onmessage = () => {};',
      '  global.setImmediate = (callback) => { channel.port2.postMessage(0); callback() };',
      "}(typeof self === 'undefined' ? typeof global === 'undefined' ? this : global : self));",
      '',
    ].join('\n'),
  }, 'lavamoat-global-parameter-')
  const written = runCli(['app.js', '--autopolicy'], { cwd: root })
  assert.equal(written.status, 0, written.stderr)
  const policy = JSON.parse(fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8'))
  // Read only: its assignment is the fallback Node never reaches.
  assert.equal(policy.resources['immediate-shim'].globals.setImmediate, true)
  const run = runCli(['app.js'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, 'ran\n')
})

test('a global assigned through a variable holding the global object is granted as a write (zod 4\'s `(_a = globalThis).x ?? (_a.x = {})`), and the app runs as under node', () => {
  const root = makeProject({
    'package.json': pkg('app', { dependencies: { 'cfg-shim': '1.0.0' } }),
    'app.js': [
      "const cfg = require('cfg-shim')",
      "cfg.configure({ locale: 'en' })",
      'console.log(JSON.stringify(cfg.read()))',
      '',
    ].join('\n'),
    'node_modules/cfg-shim/package.json': pkg('cfg-shim', { main: 'index.cjs' }),
    // As zod 4's core.cjs: TypeScript's output for `globalThis.__cfg_shared ??= {}`.
    'node_modules/cfg-shim/core.cjs': [
      '"use strict";',
      'var _a;',
      '(_a = globalThis).__cfg_shared ?? (_a.__cfg_shared = {});',
      'exports.config = globalThis.__cfg_shared;',
      '',
    ].join('\n'),
    'node_modules/cfg-shim/index.cjs': [
      '"use strict";',
      "const core = require('./core.cjs');",
      'globalThis.__cfg_loads ??= 0;',
      'globalThis.__cfg_loads++;',
      'exports.configure = (options) => { Object.assign(core.config, options) };',
      'exports.read = () => ({ locale: core.config.locale, loads: globalThis.__cfg_loads });',
      '',
    ].join('\n'),
  }, 'lavamoat-global-assigned-alias-')
  const written = runCli(['app.js', '--autopolicy'], { cwd: root })
  assert.equal(written.status, 0, written.stderr)
  const policy = JSON.parse(fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8'))
  assert.deepEqual(policy.resources['cfg-shim'], {
    globals: { __cfg_loads: 'write', __cfg_shared: 'write' },
  })
  const run = runCli(['app.js'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  assert.doesNotMatch(run.stderr, /ignoring write attempt/)
  assert.deepEqual(JSON.parse(run.stdout.trim()), { locale: 'en', loads: 1 })
})

test('globals read through a declared function returning the global object are granted (hash-wasm\'s getGlobal()), and the app runs as under node', () => {
  const root = makeProject({
    'package.json': pkg('app', { dependencies: { 'encode-shim': '1.0.0' } }),
    'app.js': "console.log(require('encode-shim').byteLength('h\\u00e9llo'))\n",
    'node_modules/encode-shim/package.json': pkg('encode-shim'),
    'node_modules/encode-shim/index.js': [
      '"use strict";',
      'function getGlobal() {',
      '  if (typeof globalThis !== "undefined") return globalThis;',
      '  if (typeof self !== "undefined") return self;',
      '  if (typeof window !== "undefined") return window;',
      '  return global;',
      '}',
      'const globalObject = getGlobal();',
      'const textEncoder = globalObject.TextEncoder ? new globalObject.TextEncoder() : null;',
      'exports.byteLength = (text) => textEncoder.encode(text).length;',
      '',
    ].join('\n'),
  }, 'lavamoat-global-function-')
  const written = runCli(['app.js', '--autopolicy'], { cwd: root })
  assert.equal(written.status, 0, written.stderr)
  const policy = JSON.parse(fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8'))
  assert.deepEqual(policy.resources['encode-shim'], { globals: { TextEncoder: true } })
  const run = runCli(['app.js'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, '6\n')
})
