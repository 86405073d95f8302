'use strict'
// The override mistake, for the properties SES's "severe" taming leaves out that packages
// assign: `constructor` of the error classes, and a few methods (list below).
//
// Why: a frozen prototype's data property cannot be shadowed by assignment on an object
// inheriting it ("Cannot assign to read only property"). TypeScript's ES5 `__extends` does
// `this.constructor = d` on an object inheriting the base class's prototype, so
// `class E extends RangeError` compiled to ES5 threw at load. SES turns such properties into
// accessors whose setter defines the property on the receiver; its "severe" plan covers
// `constructor` of Error.prototype and TypeError.prototype, not of the other error classes.
// Not Array, Date, RegExp or typed arrays: Node's inspect reads a class's name from a data
// `constructor`, and every array would print as `Object(2) [Array]` (README).

const ERROR_CLASSES = ['RangeError', 'SyntaxError', 'ReferenceError', 'URIError', 'EvalError', 'AggregateError']

// Methods assigned on objects inheriting them, by packages of the compat corpus. Each accessor
// costs a getter call per read: a hot loop of `weakMap.has` + `weakMap.get` measured ~5% slower
// (within noise); an explicit `'s'.toString()` on a string primitive ~12 ns instead of ~2.6 (README).
const METHODS = [
  // core-js's internal state (bundled in prettier 2) does `store.get = store.get` on a WeakMap.
  ['WeakMap', 'prototype', ['get', 'has', 'set']],
  // sinon's fake timers assign Date.prototype.toUTCString its own value.
  ['Date', 'prototype', ['toUTCString']],
  // nunjucks's SafeString: `Object.create(String.prototype)`, then `.valueOf = ...`.
  ['String', 'prototype', ['toString', 'valueOf']],
  // shelljs's ShellString puts its commands on the arrays it returns, `sort` among them.
  ['Array', 'prototype', ['sort']],
  // mongoose's Model.init wraps `catch` on the promise it keeps (`this.$init.catch = ...`).
  // Not `then`: a promise resolved with an object reads its `then`, and that is hot.
  ['Promise', 'prototype', ['catch']],
]

// Replacements of a shared intrinsic method itself that are dropped, with one warning, instead
// of thrown: prettier 2's bundled core-js sets `Function.prototype.toString` at load (to print
// its polyfills as native code), which made prettier unusable; it works without. Nothing
// changes for anybody.
const DROPPED_SELF_ASSIGNMENTS = [['Function', 'prototype', 'toString']]

function throwReadOnly(key, pathForErrors) {
  throw new TypeError(`Cannot assign to read only property '${key}' of '${pathForErrors}'`)
}

// Captured now: --scuttleGlobalThis later makes the real process unusable from the global.
const emitWarning = process.emitWarning.bind(process)
const warned = new Set()
function dropWithWarning(key, pathForErrors) {
  const what = `${pathForErrors}.${key}`
  if (warned.has(what)) return
  warned.add(what)
  emitWarning(`LavaMoat: ignored an assignment to ${what}: the language intrinsics are frozen and shared by every package`)
}

/** Makes `object[key]` (a data property) an accessor pair that assignment can override. */
function enableOverride(object, key, pathForErrors, onSelfAssignment = throwReadOnly) {
  const desc = Reflect.getOwnPropertyDescriptor(object, key)
  if (desc === undefined || !('value' in desc) || !desc.configurable) return
  const { value } = desc
  const get = { [key]() { return value } }[key]
  // SES's convention for its own override accessors: reflective code (get-intrinsic, hence
  // qs's side-channel: `callBound('WeakMap.prototype.get')`) reads the method from the
  // getter's `originalValue` instead of taking the getter for the method.
  Reflect.defineProperty(get, 'originalValue', { value, writable: false, enumerable: false, configurable: false })
  Reflect.defineProperty(object, key, {
    get,
    set: {
      [key](newValue) {
        if (this === object) {
          // Assigning the value it already has changes nothing, and works under Node, where
          // the property is writable: `Date.now = Date.now || polyfill` (bcryptjs).
          if (newValue === value) return
          onSelfAssignment(key, pathForErrors)
          return
        }
        const defined = Reflect.defineProperty(this, key, { value: newValue, writable: true, enumerable: true, configurable: true })
        if (!defined) throw new TypeError(`Cannot define property '${key}' of a non-extensible object`)
      },
    }[key],
    enumerable: desc.enumerable,
    configurable: desc.configurable,
  })
}

/** Call between SES's repairIntrinsics and hardenIntrinsics. */
function enableIntrinsicOverrides(global) {
  for (const name of ERROR_CLASSES) {
    if (typeof global[name] === 'function') enableOverride(global[name].prototype, 'constructor', `${name}.prototype`)
  }
  for (const [name, member, keys] of METHODS) {
    for (const key of keys) enableOverride(global[name][member], key, `${name}.${member}`)
  }
  // The polyfill idiom `Date.now = Date.now || function () {...}` (old libraries: bcryptjs)
  // assigns the frozen static its own value; the setter lets that through (nothing else).
  enableOverride(global.Date, 'now', 'Date')
  // error-inspect.js's method on Error.prototype: error subclasses give their prototype an
  // inspect method of their own by assignment (mongoose's errors, at load).
  enableOverride(global.Error.prototype, Symbol.for('nodejs.util.inspect.custom'), 'Error.prototype')
  for (const [name, member, key] of DROPPED_SELF_ASSIGNMENTS) {
    enableOverride(global[name][member], key, `${name}.${member}`, dropWithWarning)
  }
}

module.exports = { enableIntrinsicOverrides }
