'use strict'
// RegExp's legacy statics (`RegExp.$1` ... `RegExp.$9`, `RegExp.lastMatch`, ...) for the
// packages whose policy grants them.
//
// Why: lockdown removes them, because V8 updates them on every successful match anywhere in
// the process: they carry one package's matched text to any other. Code that reads them got
// `undefined`, silently (mime 3's `getExtension('text/html')` returned null). A package whose
// policy names one (`"globals": {"RegExp.$1": true}`, which --autopolicy writes for code that
// reads it) gets a `RegExp` that answers the granted names
// from V8's own getters: what the last match of the process left, as under Node. That channel
// is exactly what the grant gives; every other package has no way to read it.

const native = require('../native')

// The names a policy may grant (from the Rust core, src/policy/regexp_statics.rs), and V8's
// getters of them, captured when this module loads, before lockdown removes the accessors:
// they read the process's last match whatever their receiver.
const STATICS = new Set(native.regexpStatics())
const v8Getters = new Map()
for (const name of STATICS) {
  const desc = Reflect.getOwnPropertyDescriptor(RegExp, name)
  if (desc !== undefined && typeof desc.get === 'function') v8Getters.set(name, desc.get)
}

/** The static `path` names (`RegExp.$1` -> `$1`), or undefined for any other path. */
function regExpStaticOf(path) {
  const name = path.startsWith('RegExp.') ? path.slice('RegExp.'.length) : undefined
  return STATICS.has(name) ? name : undefined
}

/**
 * `IntrinsicRegExp` answering the statics `names` too. It is a Proxy: `RegExp === /a/.constructor`
 * is false in such a package, `instanceof RegExp`, `new RegExp()` and `RegExp.prototype` are
 * as usual.
 */
function regExpWithStatics(IntrinsicRegExp, names) {
  const granted = new Map(names.filter((name) => v8Getters.has(name)).map((name) => [name, v8Getters.get(name)]))
  return new Proxy(IntrinsicRegExp, {
    get(target, key, receiver) {
      const read = typeof key === 'string' ? granted.get(key) : undefined
      return read === undefined ? Reflect.get(target, key, receiver) : Reflect.apply(read, target, [])
    },
  })
}

module.exports = { regExpStaticOf, regExpWithStatics }
