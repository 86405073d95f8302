'use strict'
// The override mistake, for the error classes SES's "severe" taming leaves out, and `Date.now`.
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

/** Makes `object[key]` (a data property) an accessor pair that assignment can override. */
function enableOverride(object, key, pathForErrors) {
  const desc = Reflect.getOwnPropertyDescriptor(object, key)
  if (desc === undefined || !('value' in desc) || !desc.configurable) return
  const { value } = desc
  Reflect.defineProperty(object, key, {
    get: { [key]() { return value } }[key],
    set: {
      [key](newValue) {
        if (this === object) {
          // Assigning the value it already has changes nothing, and works under Node, where
          // the property is writable: `Date.now = Date.now || polyfill` (bcryptjs).
          if (newValue === value) return
          throw new TypeError(`Cannot assign to read only property '${key}' of '${pathForErrors}'`)
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
  // The polyfill idiom `Date.now = Date.now || function () {...}` (old libraries: bcryptjs)
  // assigns the frozen static its own value; the setter lets that through (nothing else).
  enableOverride(global.Date, 'now', 'Date')
}

module.exports = { enableIntrinsicOverrides }
