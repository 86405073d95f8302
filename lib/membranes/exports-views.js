'use strict'
// Exports protection: what a package gets from `require()` of ANOTHER package (or of a
// wholly granted builtin) is its own view of the exporter's objects, not the objects
// themselves.
//
// Why: without this (the reference, runtime spec §7 / defect 9) any package could replace
// functions on another package's exports or on a shared builtin (`path.join = evil`), and
// every other importer, the app included, would run the replacement.
//
// Design, one Proxy per (consumer package, real object), cached:
// - Writes (set, defineProperty, delete) land in a consumer-local shadow: the decorating
//   package sees its decoration (scenarios "decorate an import"), the exporter and every
//   other consumer still see the original. Setters the exporter defined are its API for
//   writes and still run on the real object.
// - Reads fall through to the real object; objects and functions read through a view are
//   returned as views of the same consumer, so `x.sub.fn = evil` is contained too.
// - Prototypes are the exception: a function's `prototype` and Object.getPrototypeOf(view)
//   are the real objects. The exporter's own `this instanceof Transform` checks walk the
//   real chain of instances that a consumer's subclass creates (readable-stream, winston,
//   every pre-class inherits() pattern); a view there breaks them. So replacing methods on
//   another package's prototypes is NOT prevented here (freezing them would break packages
//   that extend their own prototypes later); `setPrototypeOf` on an import is refused.
// - Calling a function view runs the real function with the real receiver (methods that
//   keep state on `this`, private fields, internal slots keep working) and a method that
//   returns its receiver hands back the view, so chaining cannot reach the real object.
//   Arguments that are views go back to the callee as real objects when the callee owns
//   them (round-trips), as that package's own view when another package owns them, and
//   always as real objects to host code (builtins, granted global functions), which may
//   check internal slots. Results are the callee's fresh values (mutable by the caller).
// - `class Sub extends View` constructs through the real class; `instanceof` works natively
//   since prototypes are real.
// - Not wrapped: primitives, frozen objects (all intrinsics after lockdown: nothing to
//   protect), objects with engine internal slots (Map, Date, Promise, typed arrays and
//   Buffers, iterators: their intrinsic methods reject a Proxy receiver and C++ bindings
//   reject Proxies), and values the Proxy invariants force us to return as is
//   (non-configurable read-only properties).
// - The root package (the app itself, unrestricted) and modules of the same package get
//   the real objects; so does a package for its own objects handed back to it.

/** view -> { target, consumer, owner, shadow, deleted } */
const { isHardenedBuiltinPrototype, isOverrideSetter } = require('./builtin-prototypes')
const { realDescriptor } = require('../realm/override-descriptors')
const { isContextFunction } = require('./vm-realms')

const records = new WeakMap()
/** consumer -> WeakMap(real object -> view) */
const viewsByConsumer = new Map()

const isObjectLike = (value) =>
  (typeof value === 'object' && value !== null) || typeof value === 'function'

// Prototypes whose methods work on any receiver, a view included.
const GENERIC_PROTOTYPES = new Set([Object.prototype, Array.prototype, Function.prototype, Error.prototype])

/**
 * Whether `object` is backed by engine internal slots (Map, Set, Date, Promise, RegExp,
 * typed arrays, iterators, ...): their methods are frozen intrinsics that a view cannot
 * intercept, and they throw on any receiver but the real object. After lockdown such a
 * prototype is recognisable as a frozen one other than the generic ones and the builtin
 * class prototypes lib/membranes/builtin-prototypes.js sealed.
 */
function hasInternalSlots(object) {
  for (let proto = Reflect.getPrototypeOf(object); proto !== null; proto = Reflect.getPrototypeOf(proto)) {
    if (GENERIC_PROTOTYPES.has(proto)) return false
    // Security: the sealed prototypes of builtin classes (streams, emitters) can look frozen
    // too; their instances are ordinary objects and must stay protected.
    if (Object.isFrozen(proto) && !isHardenedBuiltinPrototype(proto)) return true
  }
  return false
}

// Objects (and prototypes) a behaviour-free check looks at before it gives up and protects.
const DATA_SCAN_LIMIT = 256
const DATA_PROTOTYPES = new Set([Object.prototype, Array.prototype, null])

/**
 * Whether a package's `object` carries no behaviour anywhere below it: nothing but data
 * properties, no function and no accessor, in it, in the objects it holds and in their
 * prototypes (up to Object.prototype or Array.prototype). Such objects are handed out real,
 * shared as under the reference, because their identity matters more than their contents:
 * sentinels, enum-like constants and tokens are compared with `===` against the same objects
 * reached through the exporter's own results, which are real (minimatch.GLOBSTAR against the
 * parts of `new Minimatch(...).set`, which glob 7 does for every `**`; acorn.tokTypes.eof
 * against `parser.type`, which pug does). A view there made every such comparison false.
 * Anything with a function or an accessor somewhere below it keeps its view, so replacing
 * behaviour stays contained; what pure data holds can be changed for everybody (SECURITY.md).
 * A class's prototype is not scanned: it is handed out real, whatever holds its instances.
 */
function carriesNoBehaviour(root) {
  const seen = new Set()
  const pending = [root]
  while (pending.length > 0) {
    const object = pending.pop()
    if (seen.has(object)) continue
    seen.add(object)
    if (seen.size > DATA_SCAN_LIMIT || records.has(object)) return false
    const proto = Reflect.getPrototypeOf(object)
    // A class's instance whose own state is data: its behaviour is its class's prototype,
    // which is handed out real anyway (isProtectable), so a view of the instance would
    // contain nothing, and only break the exporter's `===` against it when another package
    // hands it back through a method (vscode-textmate's INITIAL, a StateStack, against its
    // StateStackImpl.NULL: shiki's tokenizer took it for a state and found no rule 0).
    if (!DATA_PROTOTYPES.has(proto) && !isClassPrototype(proto)) pending.push(proto)
    for (const key of Reflect.ownKeys(object)) {
      const desc = realDescriptor(object, key)
      if (!('value' in desc)) return false
      const { value } = desc
      // A class's prototype names its class, and an empty function does nothing: neither is
      // behaviour of the object's.
      if (typeof value === 'function' && !(key === 'constructor' && realDescriptor(value, 'prototype')?.value === object) && !isInertFunction(value)) return false
      if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) pending.push(value)
    }
  }
  return true
}

function isProtectable(value, owner) {
  if (!isObjectLike(value)) return false
  if (Object.isFrozen(value)) return false
  if (typeof value === 'function' && !isHostOwner(owner) && isInertFunction(value)) return false
  if (typeof value === 'object' && (hasInternalSlots(value) || isClassPrototype(value))) return false
  if (typeof value === 'object' && !isHostOwner(owner) && carriesNoBehaviour(value)) return false
  return true
}

/**
 * Whether `object` is the `prototype` of a class, however it was reached: prototypes are
 * handed out real (above), also under another name (`moment.fn` is `moment.prototype`), so
 * that plugins extending a class (moment-timezone's `moment.fn.tz`) extend it for its
 * instances, as they would through `prototype`.
 */
function isClassPrototype(object) {
  const desc = realDescriptor(object, 'constructor')
  return desc !== undefined && 'value' in desc && typeof desc.value === 'function' && unwrap(desc.value).prototype === object
}

// An empty function: `function () {}`, `function name(a, b) {}`, `() => {}`, `x => {}`.
const EMPTY_FUNCTION = /^(?:function\b[^(]*\([^)]*\)|\([^)]*\)\s*=>|[\w$]+\s*=>)\s*\{\s*\}$/
const functionSource = Function.prototype.toString

// What an inert function may have of its own: what every function has.
const FUNCTION_OWN_KEYS = new Set(['length', 'name', 'prototype', 'arguments', 'caller'])

/**
 * Whether `fn` is an inert function: its body is empty (`() => {}`, `function noop() {}`),
 * it has nothing of its own but what every function has, and its `prototype`, if it has one,
 * only names it back. It carries no behaviour to protect, and like a data sentinel it is
 * compared by identity: Vue's `NOOP` is what runtime-core stores as a component's `render`
 * while it has none, and @vue/server-renderer compiles the component's template only when
 * `instance.render === NOOP`, its own NOOP. With one view per package, the two packages held
 * two NOOPs, the comparison was false, and every component with a template rendered as an
 * empty `<!---->` without an error (issue 19 item 8). So it is handed out real, as data is.
 */
function isInertFunction(fn) {
  if (records.has(fn)) return false
  let source
  try {
    source = Reflect.apply(functionSource, fn, [])
  } catch {
    return false
  }
  if (!EMPTY_FUNCTION.test(source)) return false
  for (const key of Reflect.ownKeys(fn)) {
    if (!FUNCTION_OWN_KEYS.has(key)) return false
  }
  const prototype = realDescriptor(fn, 'prototype')
  if (prototype === undefined || !isObjectLike(prototype.value)) return true
  const protoKeys = Reflect.ownKeys(prototype.value)
  return Reflect.getPrototypeOf(prototype.value) === Object.prototype &&
    protoKeys.every((key) => key === 'constructor') &&
    realDescriptor(prototype.value, 'constructor')?.value === fn
}

/**
 * Whether `object[key]` is a hook's placeholder: an own, writable property holding a function
 * that does nothing, which the exporter calls so that a plugin may replace it for everybody
 * (moment's `updateOffset`, which moment-timezone replaces to apply daylight saving). Such a
 * replacement reaches the real object; replacing a function that does something stays local.
 */
function isHookPlaceholder(object, key) {
  const desc = realDescriptor(object, key)
  if (desc === undefined || desc.writable !== true || typeof desc.value !== 'function') return false
  let source
  try {
    source = Reflect.apply(functionSource, desc.value, [])
  } catch {
    return false
  }
  return EMPTY_FUNCTION.test(source)
}

/** The real object behind a view, or the value itself. */
function unwrap(value) {
  const record = isObjectLike(value) ? records.get(value) : undefined
  return record === undefined ? value : record.target
}

/**
 * What `consumer` should hold for `value`, a value owned by package `owner`.
 * @param {string} consumer canonical package name of the holder
 * @param {string} owner canonical package name (or `builtin:<id>`) of the creator
 */
function viewFor(consumer, owner, value) {
  if (!isObjectLike(value)) return value
  const existing = records.get(value)
  if (existing !== undefined) {
    if (existing.consumer === consumer) return value
    owner = existing.owner
    value = existing.target
  }
  if (owner === consumer) return value
  let views = viewsByConsumer.get(consumer)
  if (views === undefined) {
    views = new WeakMap()
    viewsByConsumer.set(consumer, views)
  }
  // Speed: a view made once is the answer every time (each `require` of the exporter asks);
  // only a value met for the first time is looked at (isProtectable scans data objects).
  let view = views.get(value)
  if (view === undefined) {
    if (!isProtectable(value, owner)) return value
    const record = { target: value, consumer, owner, shadow: new Map(), deleted: new Set(), view: undefined }
    view = new Proxy(value, makeHandler(record))
    record.view = view
    records.set(view, record)
    views.set(value, view)
  }
  return view
}

const isHostOwner = (owner) => owner.startsWith('builtin:')

/** Arguments for a call into code owned by `calleeOwner`. */
function argumentsFor(calleeOwner, args) {
  let mapped
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]
    const record = isObjectLike(arg) ? records.get(arg) : undefined
    if (record === undefined) continue
    if (mapped === undefined) mapped = Array.prototype.slice.call(args)
    mapped[i] =
      isHostOwner(calleeOwner) || record.owner === calleeOwner
        ? record.target
        : viewFor(calleeOwner, record.owner, record.target)
  }
  return mapped === undefined ? args : mapped
}

/** Arguments for host code: every view becomes the real object. */
function unwrapArgumentsForHost(args) {
  return argumentsFor('builtin:', args)
}

/** Own data/accessor descriptor that the Proxy invariants oblige us to report unchanged. */
function isPinned(desc) {
  return desc !== undefined && desc.configurable === false && 'value' in desc && desc.writable === false
}

function makeHandler(record) {
  const { target, consumer, owner, shadow, deleted } = record
  const isFunction = typeof target === 'function'
  // Asked once per view, not per call: vm-facade.js marks its context functions as it makes
  // them, before any package can hold one, so the answer for a target never changes.
  const contextFunction = isFunction && isContextFunction(target)
  // An array's `length` is non-configurable, so the Proxy invariants forbid a view to report
  // its own: writes to another package's array go to the array (libraries keep plugin and
  // locale registries in exported arrays that other packages push into, babel, moment-timezone).
  // Reads still hand out views of the objects it holds.
  const writesThrough = Array.isArray(target)
  // Hot path: the views this view has already handed out, by real value.
  const handedOut = new WeakMap()
  const wrap = (value) => {
    if (!isObjectLike(value)) return value
    let view = handedOut.get(value)
    if (view === undefined) {
      view = viewFor(consumer, owner, value)
      handedOut.set(value, view)
    }
    return view
  }

  function lookup(key) {
    if (shadow.has(key)) return shadow.get(key)
    if (deleted.has(key)) return undefined
    return realDescriptor(target, key)
  }

  return {
    get(_t, key, receiver) {
      if (shadow.size === 0 && deleted.size === 0) {
        // Nothing decorated or deleted yet (the common case): read straight through.
        const value = Reflect.get(target, key, receiver === record.view ? target : receiver)
        if (!isObjectLike(value) || (isFunction && key === 'prototype')) return value
        // Speed: a value that gets no view (frozen, data, internal slots) is the answer as it
        // is, which the Proxy invariants always accept: only a view needs the descriptor read
        // (an object allocated per read) that tells whether the property is pinned.
        const view = wrap(value)
        return view === value || isPinned(realDescriptor(target, key)) ? value : view
      }
      const own = lookup(key)
      if (own === undefined) {
        const proto = Reflect.getPrototypeOf(target)
        if (proto === null) return undefined
        return wrap(Reflect.get(proto, key, receiver === record.view ? target : receiver))
      }
      if (shadow.has(key)) {
        return 'value' in own ? own.value : own.get === undefined ? undefined : Reflect.apply(own.get, receiver, [])
      }
      if (!('value' in own)) {
        return own.get === undefined ? undefined : wrap(Reflect.apply(own.get, receiver === record.view ? target : receiver, []))
      }
      return isPinned(own) || (isFunction && key === 'prototype') ? own.value : wrap(own.value)
    },

    set(_t, key, value, receiver) {
      if (writesThrough && receiver === record.view) return Reflect.set(target, key, unwrap(value), target)
      if (receiver === record.view && !shadow.has(key) && isHookPlaceholder(target, key)) {
        return Reflect.set(target, key, unwrap(value), target)
      }
      const desc = lookup(key) || inheritedDescriptor(target, key)
      // Security: an override setter of a sealed builtin prototype would write on the real
      // object; for a view it is a writable method like any other, so the write stays local.
      if (desc !== undefined && !('value' in desc) && !isOverrideSetter(desc.set)) {
        if (desc.set === undefined) return false
        Reflect.apply(desc.set, receiver === record.view ? target : receiver, [value])
        return true
      }
      if (desc !== undefined && desc.writable === false) return false
      if (receiver !== record.view) {
        // Ordinary [[Set]] reaching the view through a prototype chain (Object.create(view)):
        // the property belongs on the receiver, as it would without a view.
        return Reflect.defineProperty(receiver, key, { value, writable: true, enumerable: true, configurable: true })
      }
      return defineShadow(key, { value, writable: true, enumerable: desc === undefined ? true : desc.enumerable !== false, configurable: true })
    },

    defineProperty(_t, key, desc) {
      if (writesThrough) return Reflect.defineProperty(target, key, 'value' in desc ? { ...desc, value: unwrap(desc.value) } : desc)
      if (desc.configurable === false) return false
      const current = lookup(key)
      return defineShadow(key, {
        ...(current && 'value' in current && !('get' in desc) && !('set' in desc) ? { value: current.value, writable: current.writable } : {}),
        enumerable: current === undefined ? false : current.enumerable,
        ...desc,
        configurable: true,
      })
    },

    deleteProperty(_t, key) {
      if (writesThrough) return Reflect.deleteProperty(target, key)
      const targetDesc = realDescriptor(target, key)
      if (targetDesc !== undefined && targetDesc.configurable === false) return false
      // A non-extensible object must keep reporting every key it has (Proxy invariant).
      if (targetDesc !== undefined && !Reflect.isExtensible(target)) return false
      shadow.delete(key)
      if (targetDesc !== undefined) deleted.add(key)
      return true
    },

    getOwnPropertyDescriptor(_t, key) {
      const own = lookup(key)
      if (own === undefined || shadow.has(key) || !('value' in own) || isPinned(own) || (isFunction && key === 'prototype')) return own
      return { ...own, value: wrap(own.value) }
    },

    has(_t, key) {
      if (shadow.has(key)) return true
      if (deleted.has(key)) {
        const proto = Reflect.getPrototypeOf(target)
        return proto !== null && Reflect.has(proto, key)
      }
      return Reflect.has(target, key)
    },

    ownKeys() {
      const keys = Reflect.ownKeys(target).filter((key) => !deleted.has(key))
      for (const key of shadow.keys()) if (!keys.includes(key)) keys.push(key)
      return keys
    },

    getPrototypeOf: () => Reflect.getPrototypeOf(target),
    setPrototypeOf: () => false,
    preventExtensions: () => false,

    apply(_t, thisArg, args) {
      const realThis = unwrap(thisArg)
      // vm's context functions take their arguments as the caller holds them (vm-realms.js),
      // also when called with `new` (below).
      const result = Reflect.apply(target, realThis, contextFunction ? args : argumentsFor(owner, args))
      return isObjectLike(result) && result === realThis && realThis !== thisArg ? thisArg : result
    },

    construct(_t, args, newTarget) {
      const realArgs = contextFunction ? args : argumentsFor(owner, args)
      return Reflect.construct(target, realArgs, newTarget === record.view ? target : newTarget)
    },
  }

  function defineShadow(key, desc) {
    const targetDesc = realDescriptor(target, key)
    // Proxy invariants: a non-configurable real property cannot be reported differently,
    // and a non-extensible real object cannot appear to grow.
    if (targetDesc !== undefined && targetDesc.configurable === false) return false
    if (targetDesc === undefined && !Reflect.isExtensible(target)) return false
    shadow.set(key, desc)
    deleted.delete(key)
    return true
  }
}

function inheritedDescriptor(object, key) {
  for (let p = Reflect.getPrototypeOf(object); p !== null; p = Reflect.getPrototypeOf(p)) {
    const desc = realDescriptor(p, key)
    if (desc !== undefined) return desc
  }
  return undefined
}

module.exports = { viewFor, unwrap, unwrapArgumentsForHost }
