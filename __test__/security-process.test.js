'use strict'
// A whole-`process` grant (`"process": true`, which --autopolicy writes for semver, debug,
// yargs, signal-exit, ...) must not be a skeleton key: every route from `process` to another
// capability (a builtin, native code, the module system, Node's internals) stays governed by
// that capability's policy. Each attack works under plain node and is blocked here.

const fs = require('node:fs')
const path = require('node:path')
const { proveBlocked, attack, asyncAttack } = require('./helpers/security-attack')

const WHOLE_PROCESS = { resource: { globals: { process: true } } }
const PROCESS_BUILTIN = { resource: { builtin: { process: true } } }
const ADDON = fs.readdirSync(path.join(__dirname, '..', 'lib')).find((file) => file.endsWith('.node'))
const hasProcess = (name) => ({ skip: typeof process[name] !== 'function' && `process.${name} is not in Node ${process.version}` })

// Builtins through process.getBuiltinModule, which answers what `require` would.
proveBlocked('process.getBuiltinModule of child_process', attack(() => process.getBuiltinModule('child_process').execSync), { ...WHOLE_PROCESS, ...hasProcess('getBuiltinModule') })
proveBlocked('process.getBuiltinModule of node:fs', attack(() => process.getBuiltinModule('node:fs').readFileSync), { ...WHOLE_PROCESS, ...hasProcess('getBuiltinModule') })
proveBlocked('globalThis.process.getBuiltinModule', attack(() => globalThis.process.getBuiltinModule('os').userInfo), { ...WHOLE_PROCESS, ...hasProcess('getBuiltinModule') })
proveBlocked('process.getBuiltinModule read off its descriptor', attack(() => Reflect.getOwnPropertyDescriptor(process, 'getBuiltinModule').value('child_process').spawn), { ...WHOLE_PROCESS, ...hasProcess('getBuiltinModule') })
proveBlocked('require("process").getBuiltinModule with the process builtin granted', attack(() => require('process').getBuiltinModule('child_process').spawn), { ...PROCESS_BUILTIN, ...hasProcess('getBuiltinModule') })

// The module system and Node's internals.
proveBlocked('process.mainModule.require', attack(() => process.mainModule.require('child_process').execSync), WHOLE_PROCESS)
proveBlocked('process.binding', attack(() => typeof process.binding('fs').open === 'function'), WHOLE_PROCESS)
proveBlocked('process._linkedBinding', attack(() => typeof process._linkedBinding === 'function'), WHOLE_PROCESS)
proveBlocked('require("node:process").binding with the builtin granted', attack(() => typeof require('node:process').binding('fs').open === 'function'), { resource: { builtin: { 'node:process': true } } })
proveBlocked('process._getActiveHandles (other packages\' sockets and servers)', attack(() => Array.isArray(process._getActiveHandles())), WHOLE_PROCESS)
proveBlocked('process._getActiveRequests', attack(() => Array.isArray(process._getActiveRequests())), WHOLE_PROCESS)
proveBlocked('process._debugProcess (the inspector of any node process)', attack(() => typeof process._debugProcess === 'function'), WHOLE_PROCESS)

// Native code, files, other programs.
proveBlocked('process.dlopen of an addon without "native": true', attack(() => {
  const addon = { exports: {} }
  process.dlopen(addon, `${__dirname}/addon.node`)
  return Object.keys(addon.exports).length > 0
}), { ...WHOLE_PROCESS, setup: (root) => fs.copyFileSync(path.join(__dirname, '..', 'lib', ADDON), path.join(root, 'node_modules/evil/addon.node')) })
proveBlocked('process.loadEnvFile reads another package\'s file', attack(() => {
  process.loadEnvFile(`${__dirname}/../victim/secret.env`)
  return process.env.VICTIM_SECRET
}), { ...WHOLE_PROCESS, ...hasProcess('loadEnvFile'), files: { 'node_modules/victim/secret.env': 'VICTIM_SECRET=hunter2\n' } })
proveBlocked('process.report.writeReport writes any file', attack(() => process.report.writeReport(`${__dirname}/report.json`)), WHOLE_PROCESS)
proveBlocked('process.execve runs another program', attack(() => typeof process.execve === 'function'), { ...WHOLE_PROCESS, ...hasProcess('execve') })

// The real process through `this`: listeners, and functions a package installs on process.
proveBlocked('`this` of a process listener is the real process', attack(() => {
  let self
  process.once('lavamoat-probe', function () { self = this })
  process.emit('lavamoat-probe')
  return typeof self.binding === 'function'
}), WHOLE_PROCESS)
proveBlocked('`this` of a process.emit the package installed, called by Node', asyncAttack(() => {
  let self
  const original = process.emit
  process.emit = function (...args) {
    self = self || this
    return original.apply(this, args)
  }
  process.emitWarning('probe')
  return new Promise((resolve) => process.nextTick(() => process.nextTick(resolve))).then(() => {
    process.emit = original
    return typeof self.binding === 'function'
  })
}), WHOLE_PROCESS)

// The stdio streams are sockets (pipes, terminals) or an fs SyncWriteStream (files), whose
// classes build sockets that connect anywhere or write to any descriptor.
const socketClassReached = (stdio) => {
  for (let proto = Object.getPrototypeOf(stdio); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const Class = Object.prototype.hasOwnProperty.call(proto, 'constructor') ? proto.constructor : undefined
    if (Class && /^(Socket|ReadStream|WriteStream|SyncWriteStream)$/.test(Class.name)) return true
  }
  return false
}
proveBlocked('a new socket from the class of process.stdout', attack(() => typeof new process.stdout.constructor().connect === 'function'), WHOLE_PROCESS)
proveBlocked('the socket class up the prototype chain of process.stderr', attack(`() => (${socketClassReached})(process.stderr)`), WHOLE_PROCESS)
proveBlocked('the socket class through `this` of a stdout listener', attack(() => {
  let self
  process.stdout.once('lavamoat-probe', function () { self = this })
  process.stdout.emit('lavamoat-probe')
  return typeof self.constructor.prototype.connect === 'function'
}), WHOLE_PROCESS)
proveBlocked('connect() on process.stdin', attack(() => typeof process.stdin.connect === 'function'), WHOLE_PROCESS)
proveBlocked('the socket class with only process.stdout granted', attack(() => typeof new process.stdout.constructor().connect === 'function'), { resource: { globals: { 'process.stdout': true } } })
proveBlocked('the socket class through the descriptor of process.stdout', attack(() => typeof new (Object.getOwnPropertyDescriptor(process, 'stdout').get().constructor)().connect === 'function'), WHOLE_PROCESS)
