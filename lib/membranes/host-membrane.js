'use strict'
// What an ATTENUATED builtin hands back must not lead to more of the host than the policy
// grants. A package granted only `fs.createReadStream` gets a real ReadStream from Node, and
// every ReadStream keeps the whole `fs` module under an internal symbol (`kFs`); its
// constructor builds new streams that do the same. Without a guard, `fs.createReadStream`
// alone is `fs.writeFileSync` (the reference leaks exactly this).
//
// Design: functions of an attenuated builtin are wrapped in a membrane. Everything that
// crosses from the host to the package through them (results, properties read off results,
// prototypes, values thrown) is a guarded Proxy of the real object, and every read through a
// guarded object is guarded again.
// Reads that would yield a *builtin module object* (the exports of `fs`, `child_process`, ...)
// yield `undefined` instead: redacted, since holding one is holding the whole module. So do
// reads that would yield one of Node's *native handle classes* (C++ constructors such as
// TCP, Pipe, Process or the native FileHandle, each the `constructor` of the `_handle` of a
// socket, child process or file handle): constructing one is a new capability, not the
// object the policy granted. `new (socket._handle.constructor)(1)` is a TCP server that can
// listen on any port, the native FileHandle wraps any descriptor of the process (the app's
// log file, its database socket). Packages use these handles through Node's own methods,
// which run on the real objects, never through their constructors. Values
// going the other way (arguments, `this`, assigned values) are unwrapped, so host code only
// ever sees real objects and keeps working (streams pipe, emit and close as usual).
//
// Not guarded: primitives and objects whose methods need the real receiver (Promises are
// re-chained so their results are guarded; Buffers, typed arrays, Maps, Dates are data), and
// the arguments the host passes to the package's own callbacks: servers hand their handlers
// request objects that frameworks re-prototype (express), and none of them hold a module.
// Writes through a guarded object reach the real one, as they would without the membrane.
// Nor what vm's context functions take and return: a realm the package makes is its own, and
// an object it hands them must stay as it holds it (vm-realms.js).

// Captured now: --scuttleGlobalThis later makes the real globals throw.
const { ArrayBuffer, Map, Set, WeakMap, WeakSet, Date, RegExp, Promise, Proxy, Reflect, TypeError, Object } = globalThis
const { realDescriptor } = require('../realm/override-descriptors')
const { isNativeHandleClass } = require('./native-handles')
const { isHardenedBuiltinPrototype } = require('./builtin-prototypes')
const { makeCallbackStandIns } = require('./callback-stand-ins')
const { isContextFunction } = require('./vm-realms')

// Captured now, like the globals above.
const arraySlice = Array.prototype.slice

const isObjectLike = (value) =>
  (typeof value === 'object' && value !== null) || typeof value === 'function'

// `Array` and the methods of `Array.prototype` are language intrinsics every package has:
// handed out as they are, they run on the guarded array itself (`this` is the Proxy), so its
// elements reach a callback (`child.stdio.map((stream) => ...)`), an iterator and a result
// array guarded, the same objects the package reads by index. Guarded, they would run on the
// real array and call the package's callbacks with the real elements: unguarded objects, and
// not the ones `child.stdio[0]` answers (execa 9 compares them, then fails "Premature close").
const SHARED_ARRAY_INTRINSICS = new Set([Array, ...Reflect.ownKeys(Array.prototype)
  .map((key) => Reflect.getOwnPropertyDescriptor(Array.prototype, key).value)
  .filter((value) => typeof value === 'function' && value !== Array)])

// MessagePort and MessageChannel are what workers talk through: a port must go into a
// `postMessage` transfer list as itself (a Proxy is "an invalid transfer object"; piscina hands
// each worker one). A port holds nothing of the host but its channel, and nobody can construct
// one ("Illegal constructor").
const { MessagePort, MessageChannel } = require('node:worker_threads')

// Objects with engine internal slots: a Proxy of them breaks their intrinsic methods.
const passesThrough = (value) =>
  ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Map ||
  value instanceof Set || value instanceof WeakMap || value instanceof WeakSet ||
  value instanceof Date || value instanceof RegExp || value instanceof MessagePort || value instanceof MessageChannel

/**
 * The prototypes of builtin classes whose constructors open nothing (no file, socket, process
 * or realm): what the membrane may hand out where Proxy invariants force a real prototype.
 * Read once needed; `http` is loaded by then (its sealed prototypes are what lead here).
 */
let harmlessClassPrototypes
function isHarmlessClassPrototype(proto) {
  if (harmlessClassPrototypes === undefined) {
    const stream = require('node:stream')
    const http = require('node:http')
    harmlessClassPrototypes = new Set(
      [require('node:events'), stream.Stream, stream.Readable, stream.Writable, stream.Duplex, stream.Transform,
        stream.PassThrough, http.OutgoingMessage, http.IncomingMessage, http.ServerResponse].map((Class) => Class.prototype),
    )
  }
  return harmlessClassPrototypes.has(proto)
}

/**
 * @param {(value: object) => boolean} isModuleObject whether a value is a builtin module's exports
 * @returns {(copy: Function, real: Function) => Function} wraps one function of an attenuated
 *   builtin (the granted function itself is never redacted: granting a native class is the
 *   policy's decision)
 */
function makeHostMembrane(isModuleObject) {
  const isRedacted = (value) => isModuleObject(value) || isNativeHandleClass(value)
  const guardedByReal = new WeakMap()
  const realByGuarded = new WeakMap()
  /** Values going to the host are the real objects behind any guarded ones. */
  function toHost(value) {
    return (isObjectLike(value) && realByGuarded.get(value)) || value
  }

  // A stream's listeners run with the real stream as `this`, whose internals hold the whole
  // `fs` module (`kFs`): the package gets the guarded stream it already holds.
  const callbacks = makeCallbackStandIns((self) => (isObjectLike(self) && guardedByReal.get(self)) || self)

  /** What the host gets for an argument or an assigned value (callback-stand-ins.js). */
  function toHostArgument(value) {
    if (typeof value !== 'function' || realByGuarded.has(value)) return toHost(value)
    return callbacks.standInFor(value)
  }

  /**
   * `args` as the host gets them (toHostArgument), or `args` itself when no argument changes,
   * the usual case (primitives, the host's own objects): no array is copied per call.
   */
  function toHostArguments(args) {
    let mapped
    for (let i = 0; i < args.length; i += 1) {
      const arg = args[i]
      if (!isObjectLike(arg)) continue
      const real = toHostArgument(arg)
      if (real === arg) continue
      if (mapped === undefined) mapped = Reflect.apply(arraySlice, args, [])
      mapped[i] = real
    }
    return mapped === undefined ? args : mapped
  }

  function guard(value) {
    if (!isObjectLike(value)) return value
    if (realByGuarded.has(value) || SHARED_ARRAY_INTRINSICS.has(value)) return value
    // `listeners()` answers the package's own functions.
    const own = callbacks.ownerOf(value)
    if (own !== undefined) return own
    // Speed: a value guarded before has passed the redaction check (it reads a function's
    // source text); methods are read through the membrane on every call.
    const known = guardedByReal.get(value)
    if (known !== undefined) return known
    // Redaction: a module object or a native handle class is never handed out through an
    // attenuated builtin.
    if (isRedacted(value)) return undefined
    return guardGranted(value)
  }

  function guardGranted(value) {
    if (realByGuarded.has(value) || passesThrough(value)) return value
    if (value instanceof Promise) return value.then(guard, (error) => Promise.reject(guard(error)))
    let guarded = guardedByReal.get(value)
    if (guarded === undefined) {
      // A sealed builtin prototype (http.Server's) stands behind a target of its own: the
      // Proxy invariants would oblige its getPrototypeOf to hand out the real prototype above
      // it (net.Server's, whose constructor listens on any port), so walking the chain of a
      // guarded server (`server instanceof NestApplication`, @nestjs/core) threw.
      guarded = !Reflect.isExtensible(value) && isHardenedBuiltinPrototype(value)
        ? new Proxy(Object.create(null), shadowHandlerFor(value))
        : new Proxy(value, handler)
      guardedByReal.set(value, guarded)
      realByGuarded.set(guarded, value)
    }
    return guarded
  }

  /** Calls host code with real values; whatever comes back (or is thrown) is guarded. */
  function callHost(thunk) {
    try {
      return guard(thunk())
    } catch (error) {
      throw guard(error)
    }
  }

  // A property the Proxy invariants oblige us to report unchanged (non-configurable and
  // read-only: frozen statics such as `Buffer.from`) is handed out as it is, unless it is a
  // module object, which can then only be refused (fail closed).
  function isPinned(target, key) {
    const own = realDescriptor(target, key)
    return own !== undefined && own.configurable === false && 'value' in own && own.writable === false
  }

  function guardPinned(value) {
    if (isObjectLike(value) && isRedacted(value)) {
      throw new TypeError('LavaMoat - a builtin module or native handle class is not available through an attenuated builtin')
    }
    return value
  }

  function guardDescriptor(target, key, desc) {
    if (desc === undefined) return undefined
    if ('value' in desc) {
      if (!isObjectLike(desc.value)) return desc
      if (isPinned(target, key)) return { ...desc, value: guardPinned(desc.value) }
      const guarded = guard(desc.value)
      if (guarded === undefined && desc.configurable) return undefined
      return { ...desc, value: guarded }
    }
    if (desc.configurable === false) return desc
    return {
      ...desc,
      get: desc.get && guard(desc.get),
      set: desc.set && guard(desc.set),
    }
  }

  /**
   * What a guarded object reports as its prototype; `extensible` is whether its Proxy's
   * target is (the Proxy invariants bind a non-extensible target to its real prototype).
   */
  function prototypeOf(target, extensible) {
    // The real prototype would hand out the real constructor, whose instances are unguarded.
    const proto = Reflect.getPrototypeOf(target)
    // A frozen language intrinsic (Error.prototype) is shared by every package anyway, and
    // `err instanceof Error` must see it as it is.
    if (proto !== null && Object.isFrozen(proto) && !isHardenedBuiltinPrototype(proto)) return proto
    // A sealed builtin prototype (http.ServerResponse's) must report its real prototype (Proxy
    // invariants). Only the prototypes of classes that build nothing but streams, emitters and
    // messages are handed out so; any other (net.Socket's under tty.ReadStream's) is refused.
    if (proto !== null && !extensible && isHarmlessClassPrototype(proto)) return proto
    if (proto !== null && !extensible) {
      throw new TypeError('LavaMoat - the prototype of an attenuated builtin\'s value is not available')
    }
    return guard(proto) ?? null
  }

  /**
   * The handler of a guarded sealed prototype, whose Proxy target is an empty extensible
   * object: every trap works on the real prototype, and reports nothing the invariants would
   * tie to the empty target (its properties as configurable, itself as extensible).
   */
  function shadowHandlerFor(real) {
    return {
      get: (_t, key, receiver) => handler.get(real, key, receiver),
      set: (_t, key, value, receiver) => handler.set(real, key, value, receiver),
      has: (_t, key) => Reflect.has(real, key),
      getOwnPropertyDescriptor(_t, key) {
        const desc = handler.getOwnPropertyDescriptor(real, key)
        return desc === undefined ? undefined : { ...desc, configurable: true }
      },
      defineProperty: (_t, key, desc) => desc.configurable !== false && handler.defineProperty(real, key, desc),
      deleteProperty: (_t, key) => Reflect.deleteProperty(real, key),
      ownKeys: () => handler.ownKeys(real),
      getPrototypeOf: () => prototypeOf(real, true),
      setPrototypeOf: () => false,
      preventExtensions: () => false,
    }
  }

  const handler = {
    get(target, key, receiver) {
      // A getter inherited by the package's own object (`this.connection` in a subclass of
      // http.ServerResponse) runs on that object, as without the membrane; what it returns is
      // guarded like any other value.
      const value = Reflect.get(target, key, realByGuarded.get(receiver) ?? receiver)
      return isObjectLike(value) && isPinned(target, key) ? guardPinned(value) : guard(value)
    },
    set(target, key, value, receiver) {
      const realReceiver = realByGuarded.get(receiver)
      // A function stored on a host object is one the host may call (`stream._events.data = fn`).
      if (realReceiver !== undefined) return Reflect.set(target, key, toHostArgument(value), realReceiver)
      // The package's own object inheriting a guarded one (`util.inherits(Response,
      // http.ServerResponse)`, then `Response.prototype.writeHead = ...`, as light-my-request
      // does): the assignment is made on that object, as without the membrane, not on the
      // shared prototype. Its value stays as the package holds it: unwrapped, a guarded value
      // stored on the package's own object would be read back raw.
      return Reflect.set(target, key, value, receiver)
    },
    getOwnPropertyDescriptor(target, key) {
      return guardDescriptor(target, key, realDescriptor(target, key))
    },
    defineProperty(target, key, desc) {
      const real = { ...desc }
      // A read-only, non-configurable value must land as given (Proxy invariants: execa defines
      // `then` so on a child process).
      const pinned = desc.configurable === false && desc.writable === false
      if ('value' in real) real.value = pinned ? toHost(real.value) : toHostArgument(real.value)
      if (real.get) real.get = toHostArgument(real.get)
      if (real.set) real.set = toHostArgument(real.set)
      return Reflect.defineProperty(target, key, real)
    },
    ownKeys(target) {
      // Redacted keys are not even listed (`Object.getOwnPropertySymbols(stream)`).
      return Reflect.ownKeys(target).filter((key) => {
        const desc = realDescriptor(target, key)
        return !(desc && desc.configurable && 'value' in desc && isObjectLike(desc.value) && isRedacted(desc.value))
      })
    },
    getPrototypeOf(target) {
      return prototypeOf(target, Reflect.isExtensible(target))
    },
    setPrototypeOf: () => false,
    apply(target, thisArg, args) {
      // A realm the package runs code in is its own (vm-realms.js): its arguments go in and its
      // results come out as the package holds them.
      if (isContextFunction(target)) return Reflect.apply(target, toHost(thisArg), args)
      const realThis = toHost(thisArg)
      let result
      try {
        result = Reflect.apply(target, realThis, toHostArguments(args))
      } catch (error) {
        throw guard(error)
      }
      // Chaining (`stream.on(...).on(...)`) keeps the value the package holds, unguarded when
      // it is the package's own object (`this.setHeader(...)` in a subclass of
      // http.ServerResponse): a Proxy of it would not be the object the package made.
      return result === realThis && isObjectLike(result) ? thisArg : guard(result)
    },
    construct(target, args, newTarget) {
      const realNewTarget = realByGuarded.get(newTarget) ?? newTarget
      // `new vm.runInContext(code, stream)` runs the code all the same (vm-realms.js).
      if (isContextFunction(target)) return Reflect.construct(target, args, realNewTarget)
      return callHost(() => Reflect.construct(target, toHostArguments(args), realNewTarget))
    },
  }

  /**
   * A granted function of an attenuated builtin, given as the copy that swaps its receiver
   * (this-redirect.js) and the real function: vm's context functions are guarded as themselves,
   * since the copy hands host code the real objects behind its arguments (vm-realms.js).
   */
  return (copy, real) => guardGranted(isContextFunction(real) ? real : copy)
}

module.exports = { makeHostMembrane }
