'use strict'
// Security: the prototypes of Node's builtin classes (EventEmitter, the streams, sockets, http
// messages) are shared by the whole app, and every package handed an emitter (a request object,
// a granted stream) reaches them through its prototype chain: replacing
// `EventEmitter.prototype.emit` there would run the package's code for every emitter of the
// app. As lockdown does for the language intrinsics, the prototypes of a builtin module's
// classes are sealed, their methods read-only, once the module is loaded through lavamoat.
//
// Freezing alone would break a common pattern: assigning a method on an instance
// (`res.end = ...` in on-headers and compression) fails when the inherited property is
// read-only (the "override mistake"). So each method becomes an accessor whose setter gives the
// instance its own property, as SES's override taming does for the intrinsics.

const { Object, Reflect, TypeError, WeakSet } = globalThis

const isObjectLike = (value) => (typeof value === 'object' && value !== null) || typeof value === 'function'

const hardened = new WeakSet()
/** The setters made here: they stand for a writable method, not for an exporter's write API. */
const overrideSetters = new WeakSet()

/**
 * `(object, value)`: gives `object` its own writable, enumerable, configurable `key` holding
 * `value`, as `Reflect.defineProperty` would, and like it does nothing where that is refused
 * (a non-extensible object, a non-configurable own property, a Proxy's trap saying no).
 *
 * Speed: these setters run on every request of a server. Node's constructors assign defaults
 * that live on the prototypes (EventEmitter's `_events`, `_eventsCount`, `_maxListeners`,
 * ServerResponse's `statusCode`, `statusMessage`): five or more per request, each one a
 * `Reflect.defineProperty` (a descriptor object and a slow generic define), 4.7 µs a request
 * for express. A class field is the same define ([[DefineOwnProperty]], not [[Set]], so the
 * accessor is not met again) through V8's inline caches, ~6x cheaper: the base constructor
 * returns the object it is given, so the field lands on that object. The key is fixed per
 * class; the value goes through `pending`, read by the initializer before anything else runs.
 */
function ownPropertyDefiner(key) {
  let pending
  class ReturnsGiven {
    constructor(object) {
      return object
    }
  }
  class DefinesKey extends ReturnsGiven {
    [key] = pending
  }
  return (object, value) => {
    // A primitive receiver would get a fresh object instead (a constructor returning a
    // primitive returns `this`): the generic define throws on it, as it did before.
    if (!isObjectLike(object)) {
      Reflect.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true })
      return
    }
    pending = value
    try {
      new DefinesKey(object)
    } catch {
      // Refused (a TypeError from the define): the write does nothing, as Reflect.defineProperty's `false`.
    } finally {
      pending = undefined
    }
  }
}

/**
 * Turns the writable data properties of `proto` into override-friendly accessors, then seals
 * it. Sealed, not frozen: a writable property Node made non-configurable cannot become an
 * accessor, and freezing it would break every instance that assigns it (EventEmitter's own
 * constructor sets `this[kCapture]`); it stays writable, the only one left so (checked across
 * the classes of 24 builtin modules on Node 24: just `kCapture`, a flag, no code).
 */
function freezeOverridable(proto) {
  for (const key of Reflect.ownKeys(proto)) {
    const desc = Reflect.getOwnPropertyDescriptor(proto, key)
    if (!('value' in desc) || !desc.writable || !desc.configurable) continue
    const { value } = desc
    const defineOwn = ownPropertyDefiner(key)
    const set = function (newValue) {
      if (this === proto) {
        throw new TypeError(`Cannot assign to read only property '${String(key)}' of a builtin class prototype`)
      }
      defineOwn(this, newValue)
    }
    overrideSetters.add(set)
    Reflect.defineProperty(proto, key, {
      get: function () {
        return value
      },
      set,
      enumerable: desc.enumerable,
      configurable: false,
    })
  }
  Object.seal(proto)
}

/** Hardens the prototype chain of `Class` (up to the language intrinsics, frozen by lockdown). */
function hardenClassPrototypes(Class) {
  const start = Reflect.getOwnPropertyDescriptor(Class, 'prototype')
  if (start === undefined || !('value' in start)) return
  for (let proto = start.value; isObjectLike(proto) && !hardened.has(proto); proto = Reflect.getPrototypeOf(proto)) {
    // Language intrinsics (Object.prototype, Uint8Array.prototype) are frozen by lockdown, and
    // are not builtin class prototypes (host-membrane.js and exports-views.js tell them apart).
    if (Object.isFrozen(proto)) break
    hardened.add(proto)
    freezeOverridable(proto)
  }
}

/**
 * Hardens the classes a builtin module exports: the module itself when it is a class
 * (`events`), and its own data properties that are (`stream.Readable`, `http.ServerResponse`).
 * Getters are not read: they may load more of Node (lazy exports).
 */
function hardenBuiltinClasses(moduleExports) {
  if (!isObjectLike(moduleExports)) return
  if (typeof moduleExports === 'function') hardenClassPrototypes(moduleExports)
  for (const key of Reflect.ownKeys(moduleExports)) {
    const desc = Reflect.getOwnPropertyDescriptor(moduleExports, key)
    if (desc !== undefined && typeof desc.value === 'function') hardenClassPrototypes(desc.value)
  }
}

/**
 * Seals `proto` like the prototype of a builtin class: for stand-ins of such prototypes
 * (stdio-streams.js) that must be as tamper-proof as the originals.
 */
function sealAsBuiltinPrototype(proto) {
  hardened.add(proto)
  freezeOverridable(proto)
}

/** Whether `proto` was sealed here (it may then look frozen, yet holds no internal slots). */
const isHardenedBuiltinPrototype = (proto) => hardened.has(proto)

/** Whether `setter` is one of the override setters of a sealed prototype. */
const isOverrideSetter = (setter) => overrideSetters.has(setter)

module.exports = { hardenBuiltinClasses, sealAsBuiltinPrototype, isHardenedBuiltinPrototype, isOverrideSetter }
