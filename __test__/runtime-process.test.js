'use strict'
// A package granted `process` keeps everything a process is (env, argv, stdio, events, exit
// codes, timing, hooks such as signal-exit's), and the routes a whole grant leaves out
// (security-process.test.js) are there exactly when its policy names them or the capability
// behind them is granted.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { scaffold, runProject, resultOf } = require('./helpers/runtime-project')

const resultFor = (spec) => resultOf(runProject(scaffold(spec)))
const withPolicy = (resource) => ({ resources: { one: resource } })
const ADDON = fs.readdirSync(path.join(__dirname, '..', 'lib')).find((file) => file.endsWith('.node'))

test('a package granted process uses every ordinary feature of it', () => {
  const result = resultFor({
    entry: () => {
      process.env.LAVAMOAT_ROOT_SET = 'root'
      const seen = require('one')
      process.emit('lavamoat-ping', 'from root')
      seen.exitCode = process.exitCode
      process.exitCode = 0
      seen.rootSeesPackageEnv = process.env.LAVAMOAT_PACKAGE_SET
      seen.rootSeesFlag = process.lavamoatPackageFlag
      console.log(JSON.stringify(seen))
    },
    one: () => {
      const pings = []
      function onPing(value) { pings.push([value, this === process]) }
      process.on('lavamoat-ping', onPing)
      process.emit('lavamoat-ping', 'from package')
      const listed = process.listeners('lavamoat-ping')[0] === onPing
      process.env.LAVAMOAT_PACKAGE_SET = 'package'
      process.lavamoatPackageFlag = true
      process.exitCode = 3
      const ticks = []
      process.nextTick((a, b) => ticks.push(a + b), 1, 2)
      module.exports = {
        pings,
        listed,
        chained: process.on('lavamoat-other', () => {}) === process,
        env: process.env.LAVAMOAT_ROOT_SET,
        argv: Array.isArray(process.argv) && process.argv.length >= 2,
        cwd: typeof process.cwd(),
        pid: process.pid > 0,
        platform: typeof process.platform,
        versionSplit: process.versions.node.split('.').length,
        hrtime: typeof process.hrtime.bigint(),
        memory: process.memoryUsage().rss > 0,
        uptime: process.uptime() >= 0,
        stdout: typeof process.stdout.write,
        emitWarning: typeof process.emitWarning,
        kill: typeof process.kill,
        ticks,
        keys: ['binding', 'mainModule', 'dlopen', 'env'].map((key) => key in process),
      }
    },
    policy: withPolicy({ globals: { process: true } }),
  })
  // The listener's `this` is the process it registered on, whoever emits.
  assert.deepEqual(result.pings, [['from package', true], ['from root', true]])
  assert.equal(result.listed, true)
  assert.equal(result.chained, true)
  assert.equal(result.env, 'root')
  assert.equal(result.exitCode, 3)
  assert.equal(result.rootSeesPackageEnv, 'package')
  assert.equal(result.rootSeesFlag, true)
  assert.deepEqual(
    [result.argv, result.cwd, result.pid, result.platform, result.versionSplit, result.hrtime, result.memory, result.uptime, result.stdout, result.emitWarning, result.kill],
    [true, 'string', true, 'string', 3, 'bigint', true, true, 'function', 'function', 'function'],
  )
  // Only the capability routes are left out; dlopen is there and refuses without "native".
  assert.deepEqual(result.keys, [false, false, true, true])
})

test('a process.emit hook installed the signal-exit way runs for Node\'s own events and can be removed', () => {
  const result = resultFor({
    entry: () => {
      const hook = require('one')
      process.emitWarning('lavamoat-warning')
      process.nextTick(() => process.nextTick(() => {
        hook.unload()
        console.log(JSON.stringify({ seen: hook.seen, restored: hook.restored() }))
      }))
    },
    one: () => {
      const seen = []
      const original = process.emit
      process.emit = function (event, ...args) {
        if (event === 'warning') seen.push([args[0].message, this === process])
        return original.call(this, event, ...args)
      }
      module.exports = {
        seen,
        unload: () => { process.emit = original },
        restored: () => process.emit === original,
      }
    },
    policy: withPolicy({ globals: { process: true } }),
  })
  assert.deepEqual(result, { seen: [['lavamoat-warning', true]], restored: true })
})

test('routes a policy names next to a whole process are granted, and only those', () => {
  const result = resultFor({
    one: () => {
      module.exports = {
        binding: typeof process.binding,
        main: typeof process.mainModule,
        report: typeof process.report,
      }
    },
    policy: withPolicy({ globals: { process: true, 'process.binding': true, 'process.mainModule': true } }),
  })
  assert.deepEqual(result, { binding: 'function', main: 'object', report: 'undefined' })
})

test('a route named on its own is a minimal view like any dotted grant', () => {
  const result = resultFor({
    one: () => {
      module.exports = { filename: typeof process.mainModule.filename, require: typeof process.mainModule.require, env: typeof process.env }
    },
    policy: withPolicy({ globals: { 'process.mainModule.filename': true } }),
  })
  assert.deepEqual(result, { filename: 'string', require: 'undefined', env: 'undefined' })
})

test('process.getBuiltinModule answers what require would: attenuated, refused with the override hint', { skip: typeof process.getBuiltinModule !== 'function' }, () => {
  const root = scaffold({
    one: () => {
      const path = process.getBuiltinModule('path')
      let refusal
      try {
        process.getBuiltinModule('child_process')
      } catch (err) {
        refusal = { code: err.code, message: err.message }
      }
      module.exports = {
        join: path.join('a', 'b'),
        dirname: typeof path.dirname,
        notBuiltin: process.getBuiltinModule('./index.js'),
        refusal,
      }
    },
    policy: withPolicy({ globals: { process: true }, builtin: { 'path.join': true } }),
  })
  const result = resultOf(runProject(root))
  assert.equal(result.join, path.join('a', 'b'))
  assert.equal(result.dirname, 'undefined')
  assert.equal(result.notBuiltin, undefined)
  assert.equal(result.refusal.code, 'LAVAMOAT_BUILTIN_NOT_ALLOWED')
  assert.match(result.refusal.message, /package "one" requested "child_process"/)
  assert.match(result.refusal.message, /"builtin": \{"child_process": true\}/)
})

test('process.dlopen needs "native": true, and works with it', () => {
  const run = (native) => {
    const root = scaffold({
      one: () => {
        const addon = { exports: {} }
        try {
          process.dlopen(addon, `${__dirname}/core.node`)
          module.exports = { loaded: typeof addon.exports.coreVersion }
        } catch (err) {
          module.exports = { code: err.code }
        }
      },
      policy: withPolicy({ globals: { process: true }, native }),
    })
    fs.copyFileSync(path.join(__dirname, '..', 'lib', ADDON), path.join(root, 'node_modules/one/core.node'))
    return resultOf(runProject(root))
  }
  assert.deepEqual(run(false), { code: 'LAVAMOAT_NATIVE_NOT_ALLOWED' })
  assert.deepEqual(run(true), { loaded: 'function' })
})

test('require("process") with the builtin granted is the same governed process', () => {
  const result = resultFor({
    one: () => {
      const proc = require('node:process')
      module.exports = { pid: proc.pid > 0, binding: typeof proc.binding, envWrite: (proc.env.LAVAMOAT_X = 'y') === 'y' }
    },
    policy: withPolicy({ builtin: { 'node:process': true } }),
  })
  assert.deepEqual(result, { pid: true, binding: 'undefined', envWrite: true })
})

test('inherited methods granted by path (process.on, process.emit) work as on the real process', () => {
  const result = resultFor({
    one: () => {
      const seen = []
      process.on('lavamoat-path', (value) => seen.push(value))
      process.addListener('lavamoat-path', (value) => seen.push(`again ${value}`))
      process.emit('lavamoat-path', 'fired')
      module.exports = { seen }
    },
    policy: withPolicy({ globals: { 'process.on': true, 'process.addListener': true, 'process.emit': true } }),
  })
  assert.deepEqual(result, { seen: ['fired', 'again fired'] })
})
