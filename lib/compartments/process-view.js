'use strict'
// The `process` a package sees when its policy grants `process` (the global, or the builtin
// module `process` / `node:process`). Granting `process` means the process as a process: env,
// argv, stdio, exit codes, events, timing, signals. It does not mean every capability the real
// object leads to. Each property that is a route to another capability is governed by that
// capability's policy (SECURITY.md, "A whole-process grant", has the audit of every property):
//
// - `getBuiltinModule(id)` answers exactly what the package's own `require(id)` would: an
//   attenuated builtin, or the same refusal with its override hint;
// - `dlopen` loads native code only for a package granted `"native": true`;
// - the routes in EXPLICIT_ROUTES (Node's internal bindings, the app's main module and its
//   unconfined `require`, every handle of the process, the inspector, execve, reading or
//   writing arbitrary files) exist only for a package whose policy names them
//   (`"process.binding": true`), also next to a whole `process` grant.
//
// The view is a Proxy of the real process, so that writes (`process.exitCode = 1`,
// `process.emit = hook` as signal-exit does) reach it as before. Security: functions never run
// with the real process as `this` on the package's behalf. A listener or hook the package
// hands to the process is installed as a wrapper that swaps the real process for the view
// when Node calls it (Node emits events with the emitter as `this`), and reading it back
// answers the package's own function.

const { realDescriptor } = require('../realm/override-descriptors')
const { isBuiltin } = require('node:module')
const { concealStreamClasses } = require('./stdio-streams')
const { makeCallbackStandIns } = require('../membranes/callback-stand-ins')

// Captured now: --scuttleGlobalThis later makes the real globals throw.
const { Proxy, Reflect, WeakMap, Map, Set, Array, Object } = globalThis

const isObjectLike = (value) => (typeof value === 'object' && value !== null) || typeof value === 'function'

const STDIO_KEYS = new Set(['stdin', 'stdout', 'stderr'])

/**
 * @param {object} params
 * @param {NodeJS.Process} params.real the real process
 * @param {string[]} params.explicitRoutes the names in EXPLICIT_ROUTES the package's policy grants
 * @param {readonly string[]} params.governedRoutes every name of EXPLICIT_ROUTES (Rust core)
 * @param {(id: string) => unknown} params.requireBuiltin the package's policy-checked require of a builtin
 * @param {(file: string) => Error | undefined} params.refuseNative the refusal of `dlopen(file)`,
 *   undefined when the package may load native code
 */
function makeProcessView({ real, explicitRoutes, governedRoutes, requireBuiltin, refuseNative }) {
  const hidden = new Set(governedRoutes.filter((name) => !explicitRoutes.includes(name)))
  // Security: the store of every listener of the process. Through it a package could install a
  // listener unwrapped (`process._events.exit = fn`), called with the real process as `this`.
  hidden.add('_events')

  /** Properties answered by the view itself instead of the real process. */
  const replaced = new Map()
  if (typeof real.getBuiltinModule === 'function') {
    replaced.set('getBuiltinModule', function getBuiltinModule(id) {
      const request = `${id}`
      // Like Node: undefined for anything that is not a builtin, never a file.
      return isBuiltin(request) ? requireBuiltin(request) : undefined
    })
  }
  replaced.set('dlopen', function dlopen(module, ...fileAndFlags) {
    const refusal = refuseNative(`${fileAndFlags[0]}`)
    if (refusal !== undefined) throw refusal
    return Reflect.apply(real.dlopen, real, [toHost(module), ...fileAndFlags])
  })

  // Speed: one lookup decides every read (a whole-process view is read on every
  // `process.x` of the package).
  const governed = new Map(replaced)
  for (const key of hidden) governed.set(key, undefined)
  const isGoverned = (key) => governed.has(key)

  /** real host function -> its copy for the package; and back */
  const packageCopies = new WeakMap()
  const hostFunctions = new WeakMap()
  const callbacks = makeCallbackStandIns((self) => (self === real ? view : self))

  /** A value handed to the real process (argument, assigned value). */
  function toHost(value) {
    if (value === view) return real
    if (typeof value !== 'function') return value
    return hostFunctions.get(value) ?? callbacks.standInFor(value)
  }

  /** A value the real process hands to the package. */
  function fromHost(value) {
    if (value === real) return view
    if (typeof value === 'function') return callbacks.ownerOf(value) ?? packageCopy(value)
    // `openStdin()` answers process.stdin (stdio-streams.js).
    if (isObjectLike(value) && (value.fd === 0 || value.fd === 1 || value.fd === 2)) return concealStreamClasses(value)
    // `listeners()` / `rawListeners()`: the package's own functions, not their wrappers.
    if (Array.isArray(value) && value.some((item) => typeof item === 'function')) return value.map(fromHost)
    return value
  }

  function packageCopy(fn) {
    let copy = packageCopies.get(fn)
    if (copy === undefined) {
      copy = function () {
        const args = []
        for (let i = 0; i < arguments.length; i += 1) args.push(toHost(arguments[i]))
        const self = this === view ? real : this
        return fromHost(new.target ? Reflect.construct(fn, args) : Reflect.apply(fn, self, args))
      }
      Object.defineProperties(copy, Object.getOwnPropertyDescriptors(fn))
      packageCopies.set(fn, copy)
      hostFunctions.set(copy, fn)
    }
    return copy
  }

  const stdioGetters = new Map()
  /** The getter a package finds in the descriptor of `process.stdout`: reads through the view. */
  function stdioGetter(key) {
    if (!stdioGetters.has(key)) stdioGetters.set(key, { [key]() { return view[key] } }[key])
    return stdioGetters.get(key)
  }

  function descriptorFromHost(desc) {
    // The Proxy invariants oblige a non-configurable property to be reported as it is
    // (`exitCode`, whose accessors are closures that never read `this`).
    if (desc === undefined || !desc.configurable) return desc
    if ('value' in desc) return { ...desc, value: fromHost(desc.value) }
    return { ...desc, get: desc.get && fromHost(desc.get), set: desc.set && fromHost(desc.set) }
  }

  function descriptorToHost(desc) {
    const real = { ...desc }
    if ('value' in real) real.value = toHost(real.value)
    if (real.get) real.get = toHost(real.get)
    if (real.set) real.set = toHost(real.set)
    return real
  }

  const view = new Proxy(real, {
    get(_target, key) {
      if (governed.has(key)) return governed.get(key)
      const value = real[key]
      // Primitives (pid, platform, exitCode) need no translation.
      if (!isObjectLike(value)) return value
      return STDIO_KEYS.has(key) ? concealStreamClasses(value) : fromHost(value)
    },
    set(_target, key, value) {
      if (isGoverned(key)) return false
      return Reflect.set(real, key, toHost(value), real)
    },
    has: (_target, key) => !hidden.has(key) && Reflect.has(real, key),
    ownKeys: () => Reflect.ownKeys(real).filter((key) => !hidden.has(key)),
    getOwnPropertyDescriptor(_target, key) {
      if (hidden.has(key)) return undefined
      const desc = realDescriptor(real, key)
      if (desc !== undefined && replaced.has(key)) {
        // Writable as on the real process: a copy of the descriptors (jest's process object
        // for its test context) must stay assignable. The view itself still refuses the write.
        return { value: replaced.get(key), writable: true, enumerable: desc.enumerable, configurable: true }
      }
      if (desc?.get !== undefined && desc.configurable && STDIO_KEYS.has(key)) {
        return { ...descriptorFromHost(desc), get: stdioGetter(key) }
      }
      // An inherited method (`on`, `emit`: EventEmitter's) is reported as the view's own, as
      // its copy: a grant of `process.on` reads it here, and the real method found up the
      // prototype chain would run with the view as `this` (its listener store is hidden).
      if (desc === undefined && typeof key === 'string' && key in real) {
        const value = real[key]
        if (typeof value === 'function') return { value: fromHost(value), writable: true, enumerable: false, configurable: true }
      }
      return descriptorFromHost(desc)
    },
    defineProperty(_target, key, desc) {
      if (isGoverned(key)) return false
      return Reflect.defineProperty(real, key, descriptorToHost(desc))
    },
    deleteProperty: (_target, key) => !isGoverned(key) && Reflect.deleteProperty(real, key),
    // The real process must stay extensible and keep its prototype for everybody else.
    setPrototypeOf: () => false,
    preventExtensions: () => false,
  })
  return view
}

/** The names in `routes` that `paths` (dotted, under a `process` root of `rootNames`) grant. */
function explicitRoutesIn(paths, rootNames, routes) {
  const named = new Set()
  for (const path of paths) {
    const parts = path.split('.')
    if (parts.length > 1 && rootNames.includes(parts[0]) && routes.includes(parts[1])) named.add(parts[1])
  }
  return Array.from(named)
}

module.exports = { makeProcessView, explicitRoutesIn }
