'use strict'
// The console every compartment sees: a frozen object holding Node's own console methods.
//
// Why: SES's "safe" console taming prints through a Console of its making (no `%j`, other
// inspect options), so output differed from Node's. Lockdown keeps Node's console
// ("unsafe") and the global becomes this object: output is Node's byte for byte (stdout or
// stderr per method, colours, every format specifier; no frame of ours in console.trace),
// and, Node's console being a mutable host object, no package granted `console` can replace
// `console.log` for the others. Node binds each method to its console, so they work detached;
// they are frozen so that no package can hang properties on them for others to find.

/** The forwarding consoles made: a package granted the whole console gets its own copy. */
const forwardingConsoles = new WeakSet()

/**
 * @param {object} real Node's console
 */
function makeForwardingConsole(real) {
  const facade = {}
  // Only public methods: not `Console` (a mutable host class) nor `_stdout`-style internals.
  for (const key of Reflect.ownKeys(real)) {
    const method = real[key]
    if (typeof method !== 'function' || key === 'Console' || (typeof key === 'string' && key.startsWith('_'))) continue
    facade[key] = Object.freeze(method)
  }
  Object.freeze(facade)
  forwardingConsoles.add(facade)
  return facade
}

/**
 * The console of a package granted it whole: a copy of the frozen one, its own to patch. In
 * Node a package may replace `console.error` for a while (vitest filters a message vite prints
 * as it starts); here that changes its own copy only, as a change to another package's
 * exports stays its own.
 */
function ownConsoleOf(value) {
  return forwardingConsoles.has(value) ? { ...value } : value
}

module.exports = { makeForwardingConsole, ownConsoleOf }
