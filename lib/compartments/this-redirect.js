'use strict'
// Functions copied out of the host global (setTimeout, console.log, ...) are often called with
// `this` set to whatever object they were read from: a compartment's global, or the minimal
// view object a package was given. Host functions that check their receiver (V8 "Illegal
// invocation") need the object they really live on, so the copy swaps that one receiver back.

const { unwrapArgumentsForHost } = require('../membranes/exports-views')

const isObjectLike = (value) => (typeof value === 'object' ? value !== null : typeof value === 'function')

/**
 * @param {Function} fn the real function
 * @param {(thisValue: unknown) => boolean} isStandIn true for receivers to swap
 * @param {object} realReceiver what the real function gets instead
 * @param {{ toHost?: boolean }} [options] toHost: `fn` is host code (unwrap export views)
 */
function redirectThis(fn, isStandIn, realReceiver, { toHost = true } = {}) {
  const redirected = function () {
    // Arguments that are per-package export views go to host code as the real objects:
    // host functions (structuredClone, setTimeout, a granted identity check) must see the
    // object its owner created, not a Proxy of it. Such a call starts again with the real
    // objects (which hold no view, so it goes through).
    //
    // Speed: `arguments` is only read by index and forwarded untouched, never copied or
    // passed to a helper, so V8 keeps inlining this copy into a package's hot loop without
    // allocating anything: a loop over the arguments here made `Buffer.isBuffer(i)` twelve
    // times slower. Calls with only primitive arguments (the first three) skip the check.
    const count = arguments.length
    if (toHost && count !== 0 && (isObjectLike(arguments[0]) || (count > 1 && (isObjectLike(arguments[1]) || count > 2)))) {
      const real = unwrapArgumentsForHost(arguments)
      if (real !== arguments) {
        return new.target ? Reflect.construct(redirected, real, new.target) : Reflect.apply(redirected, this, real)
      }
    }
    if (new.target) return Reflect.construct(fn, arguments, new.target)
    const swapped = isStandIn(this)
    const result = Reflect.apply(fn, swapped ? realReceiver : this, arguments)
    // A method returning its receiver must not hand out the real object behind a view.
    return swapped && this !== undefined && result === realReceiver ? this : result
  }
  Object.defineProperties(redirected, Object.getOwnPropertyDescriptors(fn))
  // Static members reached through the prototype (Uint8Array.from) must stay reachable.
  const proto = Reflect.getPrototypeOf(fn)
  if (Reflect.getPrototypeOf(redirected) !== proto) Reflect.setPrototypeOf(redirected, proto)
  keepFastProperties(redirected)
  return redirected
}

// Speed: copying many descriptors at once leaves V8 holding the copy's properties in a
// dictionary, so every `Buffer.isBuffer` read in a package's hot loop was a hash lookup (5x
// slower than on the real Buffer). V8 turns an object back into fast properties when it
// becomes a constructor's prototype.
function keepFastProperties(object) {
  function PrototypeHolder() {}
  PrototypeHolder.prototype = object
  return new PrototypeHolder()
}

/**
 * Accessor pair whose getter/setter run with the real receiver; getter results redirected too,
 * one copy per function the getter returns (Node's `Buffer` is a getter: `Buffer === Buffer`
 * must hold in a package, and a hot loop must not copy a function per read).
 */
function redirectAccessor(desc, isStandIn, realReceiver) {
  const wrapped = { enumerable: desc.enumerable, configurable: desc.configurable }
  if (desc.get) {
    const get = desc.get
    const copies = new WeakMap()
    wrapped.get = function () {
      const value = Reflect.apply(get, isStandIn(this) ? realReceiver : this, [])
      if (typeof value !== 'function') return value
      let copy = copies.get(value)
      if (copy === undefined) {
        copy = redirectThis(value, isStandIn, realReceiver)
        copies.set(value, copy)
      }
      return copy
    }
  } else {
    wrapped.get = undefined
  }
  if (desc.set) {
    const set = desc.set
    wrapped.set = function (value) {
      Reflect.apply(set, isStandIn(this) ? realReceiver : this, [value])
    }
  } else {
    wrapped.set = undefined
  }
  return wrapped
}

/** A copy of `desc` whose function value or accessors redirect `this` as above. */
function redirectDescriptor(desc, isStandIn, realReceiver) {
  if ('value' in desc) {
    if (typeof desc.value !== 'function') return desc
    return { ...desc, value: redirectThis(desc.value, isStandIn, realReceiver) }
  }
  return redirectAccessor(desc, isStandIn, realReceiver)
}

module.exports = { redirectThis, redirectDescriptor }
