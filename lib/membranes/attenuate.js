'use strict'
// What a non-root package gets for a builtin module it is allowed to require.

const { buildMinimalView } = require('../compartments/minimal-view')
const { viewFor } = require('./exports-views')
const { makeHostMembrane } = require('./host-membrane')
const { bareId } = require('./explicit-members')

// The exports of every builtin module loaded so far, by the kernel or by Node's bootstrap
// (`fs` and its promises API): what an attenuated builtin must never hand out (see
// host-membrane.js). A module nobody loaded is referenced by nothing.
const moduleObjects = new WeakSet()
const rememberBuiltinModule = (exports) => {
  if ((typeof exports === 'object' && exports !== null) || typeof exports === 'function') moduleObjects.add(exports)
}
for (const exports of [require('node:fs'), require('node:fs').promises]) rememberBuiltinModule(exports)
const guardHostValue = makeHostMembrane((value) => moduleObjects.has(value))

// Builtins whose functions return objects that carry capabilities (open files, sockets,
// processes, other realms) and keep module objects inside them: only these answer through
// the membrane. The others (stream, events, util, buffer, path, ...) return data or classes
// that packages subclass, and a membrane there would break `class X extends Transform`
// (the subclass instance would come back as a guarded proxy).
const CAPABILITY_MODULES = new Set([
  'fs', 'fs/promises', 'child_process', 'net', 'http', 'https', 'http2', 'tls', 'dgram',
  'worker_threads', 'cluster', 'inspector', 'inspector/promises', 'vm', 'module', 'repl',
])
const needsMembrane = (id) => CAPABILITY_MODULES.has(bareId(id))

// `process` is the package's process view (process-view.js), whose writes (`process.env.X = 1`,
// `process.exitCode`) are meant to reach the host like those through the global `process`;
// an exports view on top of it would only make the two disagree.
const SHARED_AS_IS = new Set(['process', 'node:process'])

/** Whether `builtinPolicy` lets a package require builtin `id` (as requested, `fs` ≠ `node:fs`). */
function isBuiltinAllowed(builtinPolicy, id) {
  for (const [key, value] of Object.entries(builtinPolicy)) {
    if (value === true && key.split('.')[0] === id) return true
  }
  return false
}

/**
 * The package's view of builtin `id`: the whole module when the policy grants `id` itself,
 * else a minimal view of the granted `id.<path>` entries without the `false` ones. Either
 * way writes stay with the package (exports protection, see exports-views.js).
 */
function attenuateBuiltin(moduleExports, id, builtinPolicy, packageName) {
  const owner = `builtin:${id}`
  const protect = (value) => (SHARED_AS_IS.has(id) ? value : viewFor(packageName, owner, value))
  if (builtinPolicy[id] === true) return protect(moduleExports)
  const granted = []
  const banned = []
  const prefix = `${id}.`
  for (const [key, value] of Object.entries(builtinPolicy)) {
    if (!key.startsWith(prefix)) continue
    if (value === true) granted.push(key.slice(prefix.length))
    else if (value === false) banned.push(key.slice(prefix.length))
  }
  const guardFunctionLeaf = needsMembrane(id) ? guardHostValue : undefined
  return buildMinimalView(moduleExports, granted, banned, { protectLeaf: protect, guardFunctionLeaf })
}

module.exports = { isBuiltinAllowed, attenuateBuiltin, rememberBuiltinModule }
