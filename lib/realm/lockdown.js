'use strict'
// Hardens the host realm with SES, once per process, with the options of the reference
// (lavamoat 11): real stack strings and locale methods for debuggability, and the override
// mistake repaired for every intrinsic so `Foo.prototype.toString = ...` keeps working (and
// for the `constructor` of every error class and `Date.now`: override-taming.js).
// Node's console is kept ("unsafe"), behind host-console.js's frozen object; errors print as
// Node prints them (error-inspect.js, stack-format.js), and end the app as they do
// under Node.

const { makeForwardingConsole } = require('../errors/host-console')
const { installErrorInspection } = require('../errors/error-inspect')
const { v8StackFormat } = require('../errors/stack-format')
const { enableIntrinsicOverrides } = require('./override-taming')
const { reportOverrideAccessorsAsData } = require('./override-descriptors')
const { reportFatalErrorsAsNode } = require('../errors/fatal-error-report')
// Loaded before lockdown, which removes what it captures (V8's getters of RegExp.$1, ...).
require('./regexp-statics')

const LOCKDOWN_OPTIONS = Object.freeze({
  errorTaming: 'unsafe',
  stackFiltering: 'verbose',
  overrideTaming: 'severe',
  localeTaming: 'unsafe',
  consoleTaming: 'unsafe',
  // An uncaught exception or unhandled rejection ends the app as it does under Node (its
  // report, exit code 1); SES's own trap printed a SES_ prefix and exited 255, or 0 for a
  // rejection.
  errorTrapping: 'none',
  unhandledRejectionTrapping: 'none',
})

let lockedDown = false

/**
 * `Function.prototype.toString` of another package's function, read through an exports view,
 * gave the source text of a Proxy: `function () { [native code] }`. Packages that send a
 * function to a worker as source (minimizer-webpack-plugin serializes `terserMinify`, which
 * webpack read from its exports) refused it as native. The views' functions now print as the
 * functions they stand for: the text is all it gives, no reference to the real function. The
 * replacement is a Proxy of SES's toString so that it prints as native code itself.
 */
function functionToStringSeesThroughViews(global) {
  const { unwrap } = require('../membranes/exports-views')
  const proto = global.Function.prototype
  const toString = proto.toString
  Reflect.defineProperty(proto, 'toString', {
    value: new Proxy(toString, { apply: (target, thisArg, args) => Reflect.apply(target, unwrap(thisArg), args) }),
  })
}

/**
 * SES points `Date.prototype.constructor` at %SharedDate%, the Date of compartments without a
 * clock, while the app and every package here get %InitialDate% as `Date` (lib/kernel.js): a
 * date's `constructor` was then no package's `Date`, and rfdc cloned dates as plain objects
 * (`constructorHandlers.get(date.constructor)`). Every package already holds %InitialDate%,
 * so pointing the prototype at it hands out nothing new.
 */
function makeDateConstructorTheGlobalDate(global) {
  Reflect.defineProperty(global.Date.prototype, 'constructor', { value: global.Date })
}

function lockdownRealm() {
  if (lockedDown) return
  if (globalThis.global !== globalThis) globalThis.global = globalThis
  require('ses')
  globalThis.repairIntrinsics(LOCKDOWN_OPTIONS)
  installErrorInspection(globalThis.Error)
  // First: the override accessor of Function.prototype.toString holds the replacement.
  functionToStringSeesThroughViews(globalThis)
  enableIntrinsicOverrides(globalThis)
  makeDateConstructorTheGlobalDate(globalThis)
  reportOverrideAccessorsAsData(globalThis)
  globalThis.hardenIntrinsics()
  globalThis.Error.prepareStackTrace = v8StackFormat
  globalThis.console = makeForwardingConsole(globalThis.console)
  reportFatalErrorsAsNode()
  lockedDown = true
}

module.exports = { lockdownRealm }
