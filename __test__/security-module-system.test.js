'use strict'
// The module system handed to a package (`module`, `require`) is a way out if it leaks the host's.

const fs = require('node:fs')
const path = require('node:path')
const { proveBlocked, attack } = require('./helpers/security-attack')

proveBlocked('module.parent.require of a builtin the root may load', attack(() => module.parent.require('child_process').execSync))
proveBlocked('require.main.require of a builtin', attack(() => require.main.require('child_process').execSync))
proveBlocked('module.constructor._load of a builtin', attack(() => module.constructor._load('child_process').execSync))
// A package's require.cache holds its own modules only (the app's entry is loading in Node's).
proveBlocked('require.cache lists the modules of other packages', attack(() => Object.keys(require.cache).some((file) => !file.includes('node_modules'))))
proveBlocked("require.cache hands out the app's module", attack(() => require.cache[__filename.replace(/node_modules.*$/, 'index.js')].exports !== undefined))
proveBlocked('require("process").binding', attack(() => typeof require('process').binding('fs') === 'object'))
proveBlocked('require("node:module").createRequire', attack(() => require('node:module').createRequire(__filename)('child_process').execSync))
// What --autopolicy grants an ESM bundle that starts `const require = createRequire(import.meta.url)`.
proveBlocked('createRequire granted: its require loads a builtin the policy does not grant', attack(() => require('module').createRequire(__filename)('child_process').execSync), {
  resource: { builtin: { 'module.createRequire': true } },
})
proveBlocked('createRequire granted: its require loads a package the policy does not grant', attack(() => require('module').createRequire(__filename)('victim/secret.js')), {
  resource: { builtin: { 'module.createRequire': true } },
})
proveBlocked('module granted whole: createRequire and Module.createRequire load a builtin the policy does not grant', attack(() => {
  const mod = require('module')
  return mod.createRequire(__filename)('child_process').execSync || mod.Module.createRequire(__filename)('child_process').execSync
}), {
  resource: { builtin: { module: true } },
})
proveBlocked('require.extensions hooks Node\'s own loader (which loads LavaMoat itself)', attack(() => {
  require.extensions['.evil'] = () => {}
  require.extensions['.js'] = require.extensions['.js']
  return false
}), {
  rootAfter: "result.escaped = typeof require('module')._extensions['.evil'] === 'function'",
})
proveBlocked('require("node:vm").runInThisContext', attack(() => require('node:vm').runInThisContext('this').process.pid))
proveBlocked('another package\'s file through a symlink inside the attacker', attack(() => require('./stolen.js')), {
  setup: (root) => fs.symlinkSync(path.join(root, 'node_modules/victim/secret.js'), path.join(root, 'node_modules/evil/stolen.js')),
})

// A whole-`module` grant (what --autopolicy writes for resolve-from, enhanced-resolve,
// @babel/core, pirates) or a grant of one member: every route into Node's own loader.
const MODULE_WHOLE = { resource: { builtin: { module: true } } }
proveBlocked('module granted whole: Module._load of a builtin', attack(() => require('module')._load('child_process').execSync), MODULE_WHOLE)
proveBlocked('module granted whole: Module.Module._load of a builtin', attack(() => require('module').Module._load('child_process').execSync), MODULE_WHOLE)
proveBlocked('module granted whole: the real Module through its prototype', attack(() => require('module').prototype.constructor._load('child_process').execSync), MODULE_WHOLE)
proveBlocked('module granted whole: Module.prototype.require on a module of its own', attack(() => {
  const Module = require('module')
  return new Module(__filename, null).require('child_process').execSync || Module.prototype.require.call(module, 'child_process').execSync
}), MODULE_WHOLE)
proveBlocked('module granted whole: Module._cache hands out every loaded module', attack(() => Object.keys(require('module')._cache).some((file) => !file.includes('evil'))), MODULE_WHOLE)
proveBlocked('module granted whole: Module._extensions hooks Node\'s own loader', attack(() => {
  require('module')._extensions['.evil'] = () => {}
  return false
}), { ...MODULE_WHOLE, rootAfter: "result.escaped = typeof require('module')._extensions['.evil'] === 'function'" })
proveBlocked('module granted whole: Module._preloadModules runs a file with Node\'s loader', attack(() => {
  const payload = require('path').join(__dirname, 'payload.js')
  require('module')._preloadModules([payload])
  return false
}), {
  ...MODULE_WHOLE,
  // The payload proves it ran unconfined by leaving a mark only child_process can make.
  files: { 'node_modules/evil/payload.js': "require('child_process').execFileSync('touch', [__dirname + '/escaped'])\n" },
  // The mark is removed once read: the plain node run and the lavamoat run share the tree.
  rootAfter: "const mark = __dirname + '/node_modules/evil/escaped'\nresult.escaped = require('fs').existsSync(mark)\nrequire('fs').rmSync(mark, { force: true })",
})
proveBlocked('module granted whole: Module.prototype._compile runs source with Node\'s loader', attack(() => {
  const Module = require('module')
  const m = new Module(__filename, module)
  m._compile("module.exports = require('child_process').execSync", __filename)
  return m.exports
}), MODULE_WHOLE)
proveBlocked('process granted whole: process.mainModule.require of a builtin', attack(() => process.mainModule.require('child_process').execSync), {
  resource: { globals: { process: true } },
})
proveBlocked('module._load granted by path: it loads a builtin the policy does not grant', attack(() => require('module')._load('child_process').execSync), {
  resource: { builtin: { 'module._load': true } },
})

// A `vm` grant (what --autopolicy writes for template engines and bundlers): the ways to run
// code in "this context", which must be the package's compartment, not the host realm.
const VM_WHOLE = { resource: { builtin: { vm: true } } }
proveBlocked('vm granted whole: runInThisContext reaches the real process', attack(() => require('vm').runInThisContext('this').process.pid), VM_WHOLE)
proveBlocked('vm granted whole: a Script\'s runInThisContext', attack(() => new (require('vm').Script)('globalThis.process.pid').runInThisContext()), VM_WHOLE)
proveBlocked('vm granted whole: Node\'s Script.prototype.runInThisContext through the prototype chain', attack(() => {
  const { Script } = require('vm')
  const script = new Script('globalThis.process.pid')
  for (let proto = Object.getPrototypeOf(script); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const pid = Object.getOwnPropertyDescriptor(proto, 'runInThisContext')?.value?.call(script)
    if (pid) return pid
  }
  return Object.getPrototypeOf(Script) !== Function.prototype && new (Object.getPrototypeOf(Script))('globalThis.process.pid').runInThisContext()
}), VM_WHOLE)
proveBlocked('vm granted whole: compileFunction without a context', attack(() => require('vm').compileFunction('return globalThis.process.pid')()), VM_WHOLE)
proveBlocked('vm.runInThisContext granted by path', attack(() => require('vm').runInThisContext('globalThis.process.mainModule.require("child_process").execSync')), {
  resource: { builtin: { 'vm.runInThisContext': true } },
})
