'use strict'
// Functions copied out of the host global (setTimeout, console.log, ...) are often called with
// `this` set to whatever object they were read from: a compartment's global, or the minimal
// view object a package was given. Host functions that check their receiver (V8 "Illegal
// invocation") need the object they really live on, so the copy swaps that one receiver back.

const { unwrapArgumentsForHost } = require('./exports-views')

/**
 * @param {Function} fn the real function
 * @param {(thisValue: unknown) => boolean} isStandIn true for receivers to swap
 * @param {object} realReceiver what the real function gets instead
 * @param {{ toHost?: boolean }} [options] toHost: `fn` is host code (unwrap export views)
 */
function redirectThis(fn, isStandIn, realReceiver, { toHost = true } = {}) {
  const redirected = function () {
    'use strict'
    // Arguments that are per-package export views go to host code as the real objects:
    // host functions (structuredClone, setTimeout, a granted identity check) must see the
    // object its owner created, not a Proxy of it.
    const args = toHost ? unwrapArgumentsForHost(arguments) : arguments
    if (new.target) return Reflect.construct(fn, args, new.target)
    const swapped = isStandIn(this)
    const result = Reflect.apply(fn, swapped ? realReceiver : this, args)
    // A method returning its receiver must not hand out the real object behind a view.
    return swapped && this !== undefined && result === realReceiver ? this : result
  }
  Object.defineProperties(redirected, Object.getOwnPropertyDescriptors(fn))
  // Static members reached through the prototype (Uint8Array.from) must stay reachable.
  const proto = Reflect.getPrototypeOf(fn)
  if (Reflect.getPrototypeOf(redirected) !== proto) Reflect.setPrototypeOf(redirected, proto)
  return redirected
}

/** Accessor pair whose getter/setter run with the real receiver; getter results redirected too. */
function redirectAccessor(desc, isStandIn, realReceiver) {
  const wrapped = { enumerable: desc.enumerable, configurable: desc.configurable }
  if (desc.get) {
    const get = desc.get
    wrapped.get = function () {
      const value = Reflect.apply(get, isStandIn(this) ? realReceiver : this, [])
      return typeof value === 'function' ? redirectThis(value, isStandIn, realReceiver) : value
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

module.exports = { redirectThis, redirectAccessor, redirectDescriptor }
