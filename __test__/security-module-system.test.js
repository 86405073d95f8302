'use strict'
// The module system handed to a package (`module`, `require`) is a way out if it leaks the host's.

const fs = require('node:fs')
const path = require('node:path')
const { proveBlocked, attack } = require('./helpers/security-attack')

proveBlocked('module.parent.require of a builtin the root may load', attack(() => module.parent.require('child_process').execSync))
proveBlocked('require.main.require of a builtin', attack(() => require.main.require('child_process').execSync))
proveBlocked('module.constructor._load of a builtin', attack(() => module.constructor._load('child_process').execSync))
proveBlocked('require.cache hands out every loaded module', attack(() => Object.keys(require.cache).length > 0))
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
