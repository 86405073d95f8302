'use strict'
// Node's inspect (console.log, util.format, loggers) prints errors as Node does.
//
// Why: lockdown's override taming makes `Error.prototype.constructor` (and TypeError's,
// ...) an accessor, so that `this.constructor = d` in transpiled subclasses keeps working.
// Node 20's inspect only takes a constructor's name from a data property; it then calls an
// error's class "Object" and prints `new Error('boom')` as `{}`. Error.prototype gets, before
// lockdown hardens it, an inspect method that hands Node a copy of the error whose prototype
// has the data `constructor` Node looks for; Node formats the copy with its own error
// formatting and options, in the same pass (so circular references still read
// `[Circular *1]`: an error has one copy while its own properties stay the same).
//
// Security: every package reaches this method and can call it on any object. It formats
// nothing itself (no way to read through proxies), and only returns, for a native error, a
// frozen copy holding the error's own property values, which the caller could read anyway.

const { isNativeError } = require('node:util').types

const INSPECT = Symbol.for('nodejs.util.inspect.custom')

/** error -> { copy, entries } with entries the own properties the copy was made from */
const copies = new WeakMap()

function ownEntries(error) {
  return Reflect.ownKeys(error).map((key) => {
    const desc = Reflect.getOwnPropertyDescriptor(error, key)
    // `stack` may be V8's own accessor, which answers for the error it belongs to only.
    return { key, value: 'value' in desc ? desc.value : error[key], enumerable: desc.enumerable }
  })
}

const sameEntries = (a, b) =>
  a.length === b.length && a.every((entry, i) => entry.key === b[i].key && Object.is(entry.value, b[i].value) && entry.enumerable === b[i].enumerable)

/** A frozen native error like `error`, below a prototype whose `constructor` is data. */
function makeCopy(error, entries, HostError) {
  const constructor = error.constructor
  const name = typeof constructor === 'function' && typeof constructor.name === 'string' ? constructor.name : ''
  const prototype = Object.create(Reflect.getPrototypeOf(error), { [INSPECT]: { value: undefined } })
  const Named = { [name]: function () {} }[name]
  Named.prototype = prototype
  Reflect.defineProperty(prototype, 'constructor', { value: Named })
  const copy = new HostError()
  Reflect.setPrototypeOf(copy, prototype)
  for (const { key, value, enumerable } of entries) {
    Reflect.defineProperty(copy, key, { value: value === error ? copy : value, writable: true, enumerable, configurable: true })
  }
  for (const object of [copy, prototype, Named]) Object.freeze(object)
  return copy
}

/**
 * Defines the inspect method on `HostError.prototype`; call between SES's repairIntrinsics
 * and hardenIntrinsics (before: lockdown would remove it; after: the prototype is frozen).
 */
function installErrorInspection(HostError) {
  Reflect.defineProperty(HostError.prototype, INSPECT, {
    value: function inspectError() {
      // Anything else (Error.prototype itself, objects made from it) Node formats as usual.
      if (!isNativeError(this)) return this
      const entries = ownEntries(this)
      const cached = copies.get(this)
      if (cached !== undefined && sameEntries(cached.entries, entries)) return cached.copy
      const copy = makeCopy(this, entries, HostError)
      copies.set(this, { copy, entries })
      return copy
    },
    // Hardened with the intrinsics; override-taming.js first makes it an accessor that
    // assignment on an inheriting object can override (mongoose's
    // `ValidationError.prototype[util.inspect.custom] = ...`).
    writable: true,
    configurable: true,
  })
}

module.exports = { installErrorInspection }
