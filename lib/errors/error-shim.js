'use strict'
// A per-compartment `Error` constructor with working V8 stack-trace hooks.
//
// Why: after lockdown a compartment's `Error` is SES's powerless shared constructor:
// `Error.captureStackTrace(obj)` leaves `obj.stack === ''` and assigning
// `Error.prepareStackTrace` is ignored. depd (express 4, body-parser, ...) builds its
// deprecation messages from structured call sites and crashes there (runtime spec, known
// defect 1). Handing packages the host's own `Error` is not an option: its
// `prepareStackTrace` is realm-wide, so one package could rewrite (or read the call sites
// of) every other package's errors.
//
// Design: every compartment gets its own constructor with its own `prepareStackTrace` and
// `stackTraceLimit` slots. `captureStackTrace` (and construction while this compartment has
// a `prepareStackTrace`) asks the host for the trace with a host-side hook installed only
// for the duration of that one synchronous capture, reads `stack` at once so V8 formats it
// under that hook, and restores the host hooks. The package's function therefore only ever
// formats traces of errors it captured itself, and it only gets SES's attenuated call sites
// (file, line, column, function name; no `getThis`/`getFunction`: those would hand out
// other packages' objects, so they answer `undefined`). `Error.prototype` stays the shared
// one, so `instanceof Error` holds across compartments.

const path = require('node:path')
const { hostGlobal } = require('../compartments/host')

const { hasOwn } = Object

// Frames of the kernel itself (a require, an export view's call trap) are infrastructure:
// packages' prepareStackTrace never sees them, so "the caller of my caller" is the package
// code it would be without LavaMoat (depd names the caller's file in its messages).
const KERNEL_DIR = path.join(__dirname, '..') + path.sep
const isPackageFrame = (site) => {
  const file = site.getFileName()
  return typeof file !== 'string' || !file.startsWith(KERNEL_DIR)
}

/**
 * What a package's prepareStackTrace gets for one (already SES-attenuated) call site. SES
 * evaluates module code, so V8 reports module frames as eval frames whose origin is the
 * module's sourceURL; they are presented as the plain file frames they are under Node: a
 * CommonJS module's by its path, an ES module's by its `file:` URL (module-source.js names
 * each so), as Node's getFileName() answers for them (threads.js finds the file that
 * started a worker so, through callsites, and resolves the worker's script next to it).
 */
function presentCallSite(site) {
  const origin = site.isEval() && site.getFileName() == null ? site.getEvalOrigin() : undefined
  const moduleFile = typeof origin === 'string' && (path.isAbsolute(origin) || origin.startsWith('file:///')) ? origin : undefined
  const overrides = {
    getThis: { value: () => undefined },
    getFunction: { value: () => undefined },
    isPromiseAll: { value: () => false },
    getPromiseIndex: { value: () => null },
  }
  if (moduleFile !== undefined) {
    const name = site.getFunctionName()
    overrides.getFileName = { value: () => moduleFile }
    overrides.getScriptNameOrSourceURL = { value: () => moduleFile }
    overrides.isEval = { value: () => false }
    overrides.getEvalOrigin = { value: () => undefined }
    // V8 names a module's top-level function "eval"; under Node it has no name.
    overrides.getFunctionName = { value: () => (name === 'eval' ? null : name) }
  }
  return Object.create(site, overrides)
}

/**
 * An `Error` made without a message gets the own, empty `message` that `new Error('')` has.
 *
 * Why: it inherits `message` from `Error.prototype`, which lockdown froze, so that property
 * reads as non-configurable (and override-taming.js made it an accessor underneath); code
 * that looks there before it sets a message refuses the error. @hapi/boom's boomify does
 * (`'The error is not compatible with boom'` for `Boom.notFound()`, and hapi answered 500 for
 * it instead of 404). An own property of the package's own new error reaches nothing shared,
 * and Error.prototype stays frozen. Only a plain `Error` gets it: a subclass may define
 * `message` on its prototype (a getter), which an own property would hide. The difference
 * from Node: the error lists `message` among its own (non-enumerable) properties.
 */
function giveOwnMessage(error, ErrorPrototype) {
  if (Reflect.getPrototypeOf(error) !== ErrorPrototype || hasOwn(error, 'message')) return
  Reflect.defineProperty(error, 'message', { value: '', writable: true, enumerable: false, configurable: true })
}

/**
 * @param {Function} SharedError the compartment's original (powerless) Error
 * @returns {Function} the constructor to install as the compartment's `Error`
 */
function makeCompartmentError(SharedError) {
  // The start compartment's Error: SES keeps V8's powers there. Read once lockdown is done.
  const HostError = hostGlobal.Error
  let prepare
  let limit = HostError.stackTraceLimit

  function captureWithOwnHook(errorish, cutoff) {
    const savedPrepare = HostError.prepareStackTrace
    const savedLimit = HostError.stackTraceLimit
    const ownPrepare = prepare
    HostError.prepareStackTrace = (error, callSites) =>
      ownPrepare(error, callSites.filter(isPackageFrame).map(presentCallSite))
    HostError.stackTraceLimit = limit
    try {
      HostError.captureStackTrace(errorish, cutoff)
      const stack = errorish.stack
      Reflect.defineProperty(errorish, 'stack', { value: stack, writable: true, enumerable: false, configurable: true })
    } finally {
      HostError.prepareStackTrace = savedPrepare
      HostError.stackTraceLimit = savedLimit
    }
  }

  const CompartmentError = function Error(...args) {
    const error = new.target === undefined
      ? Reflect.apply(SharedError, this, args)
      : Reflect.construct(SharedError, args, new.target)
    // Re-captured so the trace starts at the caller, as V8's own Error does, not in this shim.
    if (typeof prepare === 'function') captureWithOwnHook(error, CompartmentError)
    else HostError.captureStackTrace(error, CompartmentError)
    if (args[0] === undefined && (new.target === undefined || new.target === CompartmentError)) giveOwnMessage(error, SharedError.prototype)
    return error
  }

  const captureStackTrace = function captureStackTrace(errorish, cutoff) {
    if ((typeof errorish !== 'object' || errorish === null) && typeof errorish !== 'function') {
      throw new TypeError('Invalid argument: captureStackTrace expects an object')
    }
    const until = typeof cutoff === 'function' ? cutoff : captureStackTrace
    if (typeof prepare === 'function') {
      captureWithOwnHook(errorish, until)
    } else {
      HostError.captureStackTrace(errorish, until)
    }
  }

  const inherited = Object.getOwnPropertyDescriptors(SharedError)
  for (const own of ['length', 'name', 'prototype', 'captureStackTrace', 'prepareStackTrace', 'stackTraceLimit']) {
    delete inherited[own]
  }
  Object.defineProperties(CompartmentError, {
    ...inherited,
    length: { value: 1, configurable: true },
    prototype: { value: SharedError.prototype, writable: false, enumerable: false, configurable: false },
    captureStackTrace: { value: captureStackTrace, writable: true, enumerable: false, configurable: true },
    prepareStackTrace: {
      get: () => prepare,
      set: (value) => {
        prepare = value
      },
      enumerable: false,
      configurable: true,
    },
    stackTraceLimit: {
      get: () => limit,
      set: (value) => {
        if (typeof value === 'number') limit = value
      },
      enumerable: false,
      configurable: true,
    },
  })
  return CompartmentError
}

module.exports = { makeCompartmentError }
