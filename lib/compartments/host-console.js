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
  return Object.freeze(facade)
}

module.exports = { makeForwardingConsole }
