'use strict'
// The console every compartment sees: a frozen object of forwarders to Node's own console.
//
// Why: SES's "safe" console taming prints through a Console of its making (no `%j`, other
// inspect options), so output differed from Node's. Lockdown keeps Node's console
// ("unsafe") and the global becomes this object: output is Node's byte for byte (stdout or
// stderr per method, colours, every format specifier), and, Node's console being a mutable
// host object, no package granted `console` can replace `console.log` for the others.

/**
 * @param {object} real Node's console
 * @param {Function} HostError the start compartment's Error (after lockdown)
 */
function makeForwardingConsole(real, HostError) {
  const facade = {}
  // Only public methods: not `Console` (a mutable host class) nor `_stdout`-style internals.
  for (const key of Reflect.ownKeys(real)) {
    const method = real[key]
    if (typeof method !== 'function' || key === 'Console' || (typeof key === 'string' && key.startsWith('_'))) continue
    const call = key === 'trace' ? traceWithHeader(method, real, HostError) : (...args) => Reflect.apply(method, real, args)
    facade[key] = Object.freeze({ [key]: (...args) => call(...args) }[key])
  }
  return Object.freeze(facade)
}

// Node's trace formats the stack of a plain `{ name: 'Trace', message }`; SES's stack
// formatter heads a stack with `${error}`, which is "[object Object]" for it. For the time
// of the call the header is the one V8 writes (Error.prototype.toString's), frames are SES's
// but for those of this file.
function traceWithHeader(trace, real, HostError) {
  const { toString } = HostError.prototype
  return (...args) => {
    const sesPrepare = HostError.prepareStackTrace
    HostError.prepareStackTrace = (error, callSites) => {
      const stack = sesPrepare(error, callSites.filter((site) => site.getFileName() !== __filename))
      const sesHeader = `${error}`
      return stack.startsWith(sesHeader) ? Reflect.apply(toString, error, []) + stack.slice(sesHeader.length) : stack
    }
    try {
      return Reflect.apply(trace, real, args)
    } finally {
      HostError.prepareStackTrace = sesPrepare
    }
  }
}

module.exports = { makeForwardingConsole }
