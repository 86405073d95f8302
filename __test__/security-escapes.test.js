'use strict'
// Escapes a malicious package tries with a harmless grant. Each attack runs twice on the same
// project tree: under plain node it must succeed (else it proves nothing), under lavamoat it
// must fail while the app still runs. The attack code catches its own errors and reports
// `{ escaped }`.

const { HARMLESS, proveBlocked, attack } = require('./helpers/security-attack')

// --- the real global object -------------------------------------------------------------
proveBlocked('Function("return this") reaches the real process', attack(() => Function('return this')().process.pid))
proveBlocked('constructor.constructor reaches the real global', attack(() => ({}).constructor.constructor('return this')().process.pid))
proveBlocked('indirect eval reaches the real global', attack(() => (0, eval)('this').process.pid))
proveBlocked('a sloppy function\'s this is the real global', attack(() => (function () { return this })().process.pid))
proveBlocked('V8 call sites hand out the real global as a receiver', attack(() => {
  Error.prepareStackTrace = (_error, sites) => sites.map((site) => site.getThis())
  const receivers = (function sloppy() { return new Error().stack })()
  return receivers.some((receiver) => receiver && receiver.process && receiver.process.pid)
}))

// --- builtins ---------------------------------------------------------------------------
for (const id of ['child_process', 'node:child_process', 'fs', 'vm', 'module', 'worker_threads', 'inspector', 'net']) {
  proveBlocked(`require("${id}") without a grant`, attack(new Function(`return require(${JSON.stringify(id)})`)))
}
proveBlocked('process.binding through a process.env grant', attack(() => typeof process.binding('fs') === 'object'))
proveBlocked('process.dlopen through a process.env grant', attack(() => typeof process.dlopen === 'function'))
proveBlocked('process.env.HOME without a grant for it', attack(() => process.env.HOME || process.env.PATH))

// --- other packages' files --------------------------------------------------------------
proveBlocked('another package by name', attack(() => require('victim')))
proveBlocked('another package\'s file by relative path', attack(() => require('../victim/secret.js')))
proveBlocked('another package\'s file by absolute path', attack(() => require(`${__dirname}/../victim/secret.js`)), {
  resource: { ...HARMLESS, globals: { ...HARMLESS.globals, __dirname: true } },
})
proveBlocked('require.resolve of another package', attack(() => require.resolve('victim')))

// --- tampering --------------------------------------------------------------------------
proveBlocked('polluting Object.prototype', attack(() => {
  Object.prototype.polluted = 'yes'
  return true
}), { rootAfter: "if (({}).polluted !== 'yes') result.escaped = false" })
proveBlocked('replacing JSON.parse for everybody', attack(() => {
  JSON.parse = () => 'owned'
  return true
}), { rootAfter: "if (JSON.parse('1') !== 'owned') result.escaped = false" })
proveBlocked('replacing path.join on the shared builtin module', attack(() => {
  require('path').join = () => '/owned'
  return true
}), {
  resource: { builtin: { path: true } },
  rootAfter: "if (require('path').join('a') !== '/owned') result.escaped = false",
})
proveBlocked('writing a global without "write"', attack(() => {
  globalThis.isAdmin = true
  return true
}), { rootAfter: 'if (globalThis.isAdmin !== true) result.escaped = false' })

// --- vm contexts (lib/membranes/vm-realms.js) -------------------------------------------
const VM_CONTEXTS = { builtin: { 'vm.createContext': true, 'vm.runInContext': true } }
proveBlocked('a vm context\'s global leads to the host\'s Function through its constructor', attack(() => {
  const vm = require('vm')
  const window = vm.createContext({})
  return vm.runInContext('this.constructor.constructor("return process")().pid', window)
}), { resource: VM_CONTEXTS })
// Through a partly granted vm (the host membrane) and a whole one (an exports view of it),
// called or constructed.
for (const [grant, builtin] of [['vm.createContext', VM_CONTEXTS.builtin], ['the whole vm', { vm: true }]]) {
  for (const call of ['', 'new ']) {
    proveBlocked(`replacing another package's export from a vm context made of it (${grant}, ${call}vm.runInContext)`, attack(`() => {
      const vm = require('vm')
      const victim = require('victim')
      ${call}vm.createContext(victim)
      ${call}vm.runInContext('greet = () => "owned"', victim)
      return true
    }`), {
      resource: { builtin, packages: { victim: true } },
      packages: { 'node_modules/evil': ['victim'] },
      files: { 'node_modules/victim/index.js': "module.exports = { greet: () => 'hello' }\n" },
      rootAfter: "if (require('victim').greet() !== 'owned') result.escaped = false",
    })
  }
}
