'use strict'
// --scuttleGlobalThis: after the root compartment has taken its copies, replace the host
// global's properties with throwing stand-ins so code that escapes to the real global (a
// leaked host function, a `this` slip) finds nothing. The kernel keeps working because it
// captured what it needs at load time (host.js) and compartments hold their own copies.

const { warn } = require('../compartments/host')

const LEARN_MORE = 'To learn more visit https://github.com/LavaMoat/LavaMoat/pull/360.'

/**
 * Names that stay: the language intrinsics every compartment shares, what SES/LavaMoat need,
 * and `WebAssembly`, which Node's own code reads off the global object after scuttling: on
 * Node 22 the first read of `Headers`/`Request`/`Response` (the root compartment takes its
 * copies of them) loads undici, which compiles its HTTP parser with the global `WebAssembly`
 * once the run has started. It compiles and runs code given as bytes, and reaches nothing of
 * the host that the bytes' imports do not bring.
 */
function preservedNames(hostGlobal) {
  const probe = new Compartment().globalThis
  const names = Object.getOwnPropertyNames(probe).filter((name) => probe[name] === hostGlobal[name])
  return new Set([...names, 'Compartment', 'Error', 'globalThis', 'WebAssembly'])
}

/** `"/re/flags"` strings become RegExps, other strings stay names. */
function toMatcher(exception) {
  if (exception instanceof RegExp) return (name) => exception.test(name)
  const text = String(exception)
  if (text.startsWith('/') && text.lastIndexOf('/') > 0) {
    const end = text.lastIndexOf('/')
    const re = new RegExp(text.slice(1, end), text.slice(end + 1))
    return (name) => re.test(name)
  }
  return (name) => name === text
}

/** `true`, `{ enabled, exceptions, scuttlerName }`, or a JSON string of either. */
function normaliseScuttleOptions(option, deprecatedExceptions) {
  let options = typeof option === 'string' ? JSON.parse(option) : option
  if (options === true) options = { enabled: true }
  options = { enabled: false, exceptions: [], scuttlerName: '', ...(options || {}) }
  if (Array.isArray(deprecatedExceptions) && deprecatedExceptions.length > 0) {
    warn('lavamoat: "scuttleGlobalThisExceptions" is deprecated. Use "scuttleGlobalThis.exceptions" instead.')
    if (options.exceptions.length === 0) options.exceptions = deprecatedExceptions
  }
  return options
}

function throwingAccessors(name) {
  return {
    get() {
      throw new Error(`LavaMoat - property "${name}" of globalThis is inaccessible under scuttling mode. ${LEARN_MORE}`)
    },
    set() {
      warn(`lavamoat: property "${name}" of globalThis cannot be set under scuttling mode. ${LEARN_MORE}`)
    },
  }
}

function scuttleGlobal(hostGlobal, options) {
  if (!options.enabled) return
  if (!Array.isArray(options.exceptions)) {
    throw new Error(`LavaMoat - exceptions must be an array, got ${typeof options.exceptions}`)
  }
  const keep = preservedNames(hostGlobal)
  const exceptions = options.exceptions.map(toMatcher)
  const scuttle = (realm) => {
    const names = new Set()
    for (let p = realm; p !== null; p = Reflect.getPrototypeOf(p)) {
      for (const name of Object.getOwnPropertyNames(p)) names.add(name)
    }
    for (const name of names) {
      if (keep.has(name) || exceptions.some((matches) => matches(name))) continue
      const desc = Reflect.getOwnPropertyDescriptor(realm, name)
      const { get, set } = throwingAccessors(name)
      if (desc !== undefined && desc.configurable) {
        Reflect.defineProperty(realm, name, { get, set, configurable: false })
      } else if (desc !== undefined && desc.writable) {
        const trap = new Proxy(Object.create(null), { get, set, getPrototypeOf: get })
        Reflect.defineProperty(realm, name, { value: trap, writable: false, configurable: false })
      }
    }
  }
  if (options.scuttlerName) {
    const scuttler = hostGlobal[options.scuttlerName]
    if (typeof scuttler !== 'function') {
      throw new Error(
        `LavaMoat - 'scuttlerName' function "${options.scuttlerName}" expected on globalRef.` +
          'To learn more visit https://github.com/LavaMoat/LavaMoat/pull/462.',
      )
    }
    scuttler(hostGlobal, scuttle)
    return
  }
  scuttle(hostGlobal)
}

module.exports = { scuttleGlobal, normaliseScuttleOptions }
