'use strict'
// Node's inspect (console.log, util.format, loggers) prints errors as Node does.
//
// Why: lockdown's override taming makes `Error.prototype.constructor` (and TypeError's,
// ...) an accessor, so that `this.constructor = d` in transpiled subclasses keeps working.
// Node's inspect only takes a constructor's name from a data property; it then calls an
// error's class "Object" and prints `new Error('boom')` as `{}`. Error.prototype gets, before
// lockdown hardens it, an inspect method that formats a copy of the error whose prototype
// has the data `constructor` Node looks for: Node's own error formatting, byte for byte.
//
// Security: every package reaches this method and can call it on any object. Node's inspect
// reads through proxies, so formatting what a package hands in would tell it what the
// proxies hiding parts of objects from it (`false` policy paths) hide: the method formats
// only when called with Node's own inspect (from Node's inspect, or by a caller that has
// it anyway), and otherwise answers the error's first line alone. It passes on layout
// options only (`showProxy`, `getters` stay off).

const util = require('node:util')

const INSPECT = Symbol.for('nodejs.util.inspect.custom')
const { toString } = Error.prototype
const LAYOUT_OPTIONS = ['colors', 'showHidden', 'compact', 'breakLength', 'sorted', 'maxArrayLength', 'maxStringLength', 'numericSeparator']

/** A native error like `error`, below a prototype whose `constructor` is a data property. */
function inspectableCopy(error, HostError) {
  const constructor = error.constructor
  const name = typeof constructor === 'function' && typeof constructor.name === 'string' ? constructor.name : ''
  const prototype = Object.create(Reflect.getPrototypeOf(error), { [INSPECT]: { value: undefined } })
  const Named = { [name]: function () {} }[name]
  Named.prototype = prototype
  Reflect.defineProperty(prototype, 'constructor', { value: Named })
  const copy = new HostError()
  Reflect.setPrototypeOf(copy, prototype)
  for (const key of Reflect.ownKeys(error)) {
    const desc = Reflect.getOwnPropertyDescriptor(error, key)
    // `stack` may be V8's own accessor, which answers for the error it belongs to only.
    const value = 'value' in desc ? desc.value : error[key]
    Reflect.defineProperty(copy, key, { value, writable: true, enumerable: desc.enumerable, configurable: true })
  }
  return copy
}

/**
 * Defines the inspect method on `HostError.prototype`; call between SES's repairIntrinsics
 * and hardenIntrinsics (before: lockdown would remove it; after: the prototype is frozen).
 */
function installErrorInspection(HostError) {
  Reflect.defineProperty(HostError.prototype, INSPECT, {
    value: function inspectError(depth, options, inspect) {
      if (inspect !== util.inspect) return Reflect.apply(toString, this, [])
      const layout = { depth }
      for (const key of LAYOUT_OPTIONS) if (options != null && options[key] !== undefined) layout[key] = options[key]
      const target = util.types.isNativeError(this) ? inspectableCopy(this, HostError) : { ...this }
      return util.inspect(target, layout)
    },
  })
}

module.exports = { installErrorInspection }
