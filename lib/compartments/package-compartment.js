'use strict'
// Compartments: the root package's (all host globals) and one per other package (the
// language globals plus what its policy grants).

const fs = require('node:fs')
const path = require('node:path')
const vm = require('node:vm')
const { redirectDescriptor, redirectThis } = require('./this-redirect')
const { explainSloppyOnly } = require('../realm/sloppy-only-error')
const { makeCompartmentError } = require('../errors/error-shim')
const { endowPackageGlobal } = require('./endowments')
const { boundGlobalNames, evadeSesRejections, compileRewritingWith } = require('../modules/module-source')
const { hostGlobal, hostProcess } = require('./host')

// The globals a package sees with an empty policy (runtime spec §5). Anything else a SES
// compartment carries (e.g. TextEncoder/TextDecoder in ses 2) must be granted.
const DEFAULT_GLOBALS = new Set(
  ('AggregateError Array ArrayBuffer Atomics BigInt BigInt64Array BigUint64Array Boolean Compartment DataView ' +
    'Date Error EvalError Float16Array Float32Array Float64Array Function Infinity Int16Array Int32Array ' +
    'Int8Array Iterator JSON Map Math NaN Number Object Promise Proxy RangeError ReferenceError Reflect ' +
    'RegExp Set SharedArrayBuffer String Symbol SyntaxError TypeError URIError Uint16Array Uint32Array Uint8Array ' +
    'Uint8ClampedArray WeakMap WeakSet decodeURI decodeURIComponent encodeURI encodeURIComponent escape ' +
    'eval global globalThis harden isFinite isNaN lockdown parseFloat parseInt undefined unescape').split(' '),
)

const GLOBAL_SELF_NAMES = ['global', 'globalThis']

function setSelfReferences(compartmentGlobal) {
  for (const name of GLOBAL_SELF_NAMES) {
    Reflect.defineProperty(compartmentGlobal, name, { value: compartmentGlobal, writable: true, enumerable: false, configurable: true })
  }
}

/** Every own and inherited property key of `object`, nearest first, up to Object.prototype. */
function flattenedKeys(object) {
  const keys = new Map()
  for (let p = object; p !== null && p !== Object.prototype; p = Reflect.getPrototypeOf(p)) {
    for (const key of Reflect.ownKeys(p)) {
      if (!keys.has(key)) keys.set(key, p)
    }
  }
  return keys
}

/**
 * The root package's compartment: host globals copied on (functions and accessors called on
 * the compartment global run against the host global). The root package is the application
 * itself and is unrestricted, as in the reference.
 *
 * Speed: reading a host global's descriptor instantiates Node's lazy globals (`FormData`
 * loads undici, 40 ms of a 50 ms empty start). Each name is first a stand-in accessor that
 * copies the real descriptor on its first use; `materializeRootGlobals` copies them all
 * (before --scuttleGlobalThis replaces the host's) and `materializeRootGlobal` one (before a
 * package's view of it is built, so views copy the real descriptor, never the stand-in).
 */
function createRootCompartment({ hostGlobal, untamed }) {
  const compartment = new Compartment({ globals: { ...untamed }, __options__: true })
  const rootGlobal = compartment.globalThis
  const isRootGlobal = (thisValue) => thisValue === rootGlobal
  /** key -> { holder: host object owning it, standIn: the stand-in's getter } */
  const pending = new Map()
  const materialize = (key) => {
    const entry = pending.get(key)
    if (entry === undefined) return
    pending.delete(key)
    // Only a stand-in still in place: a name the app deleted or redefined stays as it left it.
    if (Reflect.getOwnPropertyDescriptor(rootGlobal, key)?.get !== entry.standIn) return
    const desc = Reflect.getOwnPropertyDescriptor(entry.holder, key)
    if (desc === undefined) Reflect.deleteProperty(rootGlobal, key)
    else Reflect.defineProperty(rootGlobal, key, redirectDescriptor(desc, isRootGlobal, hostGlobal))
  }
  for (const [key, holder] of flattenedKeys(hostGlobal)) {
    if (key in rootGlobal || GLOBAL_SELF_NAMES.includes(key)) continue
    const standIn = function () {
      materialize(key)
      return Reflect.get(rootGlobal, key, this)
    }
    pending.set(key, { holder, standIn })
    Reflect.defineProperty(rootGlobal, key, {
      get: standIn,
      set(value) {
        materialize(key)
        Reflect.set(rootGlobal, key, value, this)
      },
      enumerable: Object.prototype.propertyIsEnumerable.call(holder, key),
      configurable: true,
    })
  }
  setSelfReferences(rootGlobal)
  rootGlobal.Error = makeCompartmentError(rootGlobal.Error)
  rootGlobals.set(rootGlobal, materialize)
  boundNames.set(compartment, boundGlobalNames())
  return compartment
}

/**
 * compartment -> Map(the name a module's frames carry: its path (CommonJS) or file: URL (ES
 * module) -> that module's `import()`)
 */
const moduleImports = new WeakMap()

/** Records the `import()` of a module of `compartment`, for code that module compiles at run time. */
function noteModuleImport(compartment, frameName, dynamicImport) {
  let imports = moduleImports.get(compartment)
  if (imports === undefined) moduleImports.set(compartment, (imports = new Map()))
  imports.set(frameName, dynamicImport)
}

/**
 * The `import()` of the innermost module of `compartment` on the stack below `cutoff`: under
 * Node, `import()` in code compiled by `Function` or `eval` resolves from the script that
 * compiled it (prettier's bin: `new Function("module", "return import(module)")`).
 * Security: only modules of this compartment are looked up, so whatever the frames are named
 * (a package can name its eval code with `//# sourceURL=`), the answer is an `import()` of
 * this package, under its policy; `undefined` when none of its modules is on the stack.
 */
function callerModuleImport(compartment, cutoff) {
  const imports = moduleImports.get(compartment)
  if (imports === undefined) return undefined
  const HostError = hostGlobal.Error
  const savedPrepare = HostError.prepareStackTrace
  const savedLimit = HostError.stackTraceLimit
  let found
  HostError.prepareStackTrace = (_, sites) => {
    for (const site of sites) {
      // SES evaluates module code: V8 names its frames by their eval origin, the sourceURL.
      const frameName = site.getFileName() ?? (site.isEval() ? site.getEvalOrigin() : undefined)
      found = imports.get(frameName)
      if (found !== undefined) break
    }
    return ''
  }
  HostError.stackTraceLimit = Infinity
  try {
    const holder = {}
    HostError.captureStackTrace(holder, cutoff)
    void holder.stack
  } finally {
    HostError.prepareStackTrace = savedPrepare
    HostError.stackTraceLimit = savedLimit
  }
  return found
}

const countImports = (source) => source.split('__import__').length - 1

/** compartment -> names its modules bind (module-source.js) */
const boundNames = new WeakMap()

/** The global names modules of `compartment` take as parameters. */
function boundNamesOf(compartment) {
  return boundNames.get(compartment)
}

/** root global -> its stand-in materializer */
const rootGlobals = new WeakMap()

/** Replaces the stand-in of `key` on a root global with the copy of the host's descriptor. */
function materializeRootGlobal(rootGlobal, key) {
  rootGlobals.get(rootGlobal)?.(key)
}

function materializeRootGlobals(rootGlobal) {
  for (const key of Reflect.ownKeys(rootGlobal)) materializeRootGlobal(rootGlobal, key)
}

let sesSource
/**
 * `env: "unfrozen"`: a compartment of a fresh realm (vm context) with SES loaded but not
 * locked down, so the package may modify its own intrinsics without touching anyone else's.
 */
function createUnfrozenRealmCompartment() {
  if (sesSource === undefined) {
    const sesDir = path.dirname(require.resolve('ses/package.json'))
    sesSource = fs.readFileSync(path.join(sesDir, 'dist', 'ses.umd.js'), 'utf8')
  }
  const context = vm.createContext()
  vm.runInContext(sesSource, context)
  const firstForeignRefusal = vm.runInContext(RECORD_FOREIGN_REFUSALS, context)
  return { compartment: vm.runInContext('new Compartment()', context), firstForeignRefusal }
}

// Evaluated in a package's own realm (after SES has captured the original): its
// `Object.defineProperty` notes the first define refused on a non-extensible object of another
// realm, the shared one lockdown froze, for the report of a run that then fails
// (reportForeignRefusals). Nothing is added to that realm's global but the wrapper; the
// note is read through the returned function, which only the kernel holds.
const RECORD_FOREIGN_REFUSALS = `(() => {
  const { defineProperty, isExtensible } = Object
  const RealmObject = Object
  let first
  Object.defineProperty = { defineProperty(object, key, descriptor) {
    try {
      return defineProperty(object, key, descriptor)
    } catch (err) {
      if (first === undefined && err instanceof TypeError && !(object instanceof RealmObject) && !isExtensible(object)) {
        first = { object, key: String(key) }
      }
      throw err
    }
  } }.defineProperty
  return () => first
})()
//# sourceURL=${__filename}`

// What to use instead, for packages known to need what a realm of their own cannot give.
const INSTEAD = {
  sass: 'Use "sass-embedded" instead (the same JavaScript API and CLI; it runs the Dart compiler in a child process), or run sass outside LavaMoat.',
}

/** [package name, its realm's firstForeignRefusal] for each package with a realm of its own */
const ownRealms = []

/**
 * When a run that has a package in a realm of its own ends with a failure, says which of
 * those packages had a write refused by the shared realm: dart2js output (sass) catches the
 * TypeError and ends the run on an unhandled rejection printed as "[object Object]".
 */
function reportForeignRefusals(code) {
  if (code === 0) return
  for (const [name, firstForeignRefusal] of ownRealms) {
    const refused = firstForeignRefusal()
    if (refused === undefined) continue
    const fnName = typeof refused.object === 'function' ? Reflect.getOwnPropertyDescriptor(refused.object, 'name')?.value : undefined
    const what = typeof fnName === 'string' && fnName !== '' ? `the function "${fnName}"` : `an ${typeof refused.object}`
    hostProcess.stderr.write(
      `\nLavaMoat: package "${name}" runs in a realm of its own ("env": "unfrozen") and could not define "${refused.key}" on ${what} ` +
        'of the shared realm, which lockdown froze and every package shares: no policy can allow that write. ' +
        `${INSTEAD[name] ? `${INSTEAD[name]} ` : ''}See "Known incompatibilities" in the README of lavamoat.\n`,
    )
  }
}

/**
 * A non-root package's compartment.
 * @param {object} params
 * @param {string} params.name canonical package name
 * @param {object} params.policy the package's resource policy
 * @param {object} params.rootGlobal source of granted globals
 * @param {object} params.hostGlobal
 * @param {object} params.untamed start-compartment-only intrinsics every package gets
 * @param {Map<string, unknown>} params.globalStore
 * @param {(key: string) => void} params.warnIgnoredWrite says that a write of read-only global `key` was ignored
 * @param {(key: string) => boolean} params.isSharedWritable whether any package may write global `key`
 * @param {object} [params.processView] the package's view of `process`, when its globals grant any of it
 * @param {object} [params.reflectShare] the run's shared Reflect (shared-reflect.js)
 */
function createPackageCompartment({ name, policy, rootGlobal, hostGlobal, untamed, globalStore, warnIgnoredWrite, isSharedWritable, processView, reflectShare }) {
  let compartment
  let ownRealm = false
  if (policy.env) {
    if (policy.env !== 'unfrozen') {
      throw new Error(`LavaMoat/node - unrecognized "env" policy setting for package "${name}", "${policy.env}"`)
    }
    let firstForeignRefusal
    ;({ compartment, firstForeignRefusal } = createUnfrozenRealmCompartment())
    if (ownRealms.length === 0) hostProcess.on('exit', reportForeignRefusals)
    ownRealms.push([name, firstForeignRefusal])
    compartment.makeModuleObject = compartment.evaluate('() => ({ exports: {} })')
    ownRealm = true
  } else {
    compartment = new Compartment({ globals: { ...untamed }, __options__: true })
  }
  const packageGlobal = compartment.globalThis
  for (const key of Reflect.ownKeys(packageGlobal)) {
    if (typeof key === 'string' && !DEFAULT_GLOBALS.has(key)) delete packageGlobal[key]
  }
  // A fresh realm's own Error already has working (and realm-local) stack hooks.
  if (!ownRealm) packageGlobal.Error = makeCompartmentError(packageGlobal.Error)

  const fixedGlobals = endowGranted(packageGlobal, { name, policy, rootGlobal, hostGlobal, globalStore, warnIgnoredWrite, isSharedWritable, processView, reflectShare })

  // Code that finds the global object with `Function('return this')()` (webpack, lodash,
  // core-js) runs in strict mode here and would get `undefined`; functions the package makes
  // with `Function` get its global as `this` instead when called without one.
  const CompartmentFunction = packageGlobal.Function
  const SloppyThisFunction = function Function(...args) {
    // The body SES would refuse for comment- or import-like text, or for `with` statements, is
    // rewritten as module files are (uglify-js compiles code holding `<!--`, template engines
    // code holding `with`).
    const params = args.slice(0, -1)
    const original = args.length > 0 ? `${args[args.length - 1]}` : ''
    const body = evadeSesRejections(original)
    let compile = (source) => Reflect.apply(CompartmentFunction, undefined, [...params, source])
    if (countImports(body) > countImports(original)) {
      // Its `import(` became `__import__(` (module-source.js): the function is compiled as
      // the closure of one that takes `__import__`, the caller's module's `import()`.
      const dynamicImport = callerModuleImport(compartment, SloppyThisFunction) ?? unattributedImport('Function')
      const compileAlone = compile
      compile = (source) => {
        // Parameters and body are checked as Function checks them, on their own.
        compileAlone(source)
        const wrapped = `return function anonymous(${params.join(',')}\n) {\n${source}\n}`
        return Reflect.apply(CompartmentFunction, undefined, ['__import__', wrapped])(dynamicImport)
      }
    }
    const made = compileNaming(() => compileRewritingWith(compile, body), 'code it passed to Function')
    return redirectThis(made, (thisValue) => thisValue === undefined, packageGlobal, { toHost: false })
  }
  Object.defineProperties(SloppyThisFunction, Object.getOwnPropertyDescriptors(CompartmentFunction))
  packageGlobal.Function = SloppyThisFunction
  // Both evaluators name the package when its code is sloppy-only (lib/realm/sloppy-only-error.js).
  const compartmentEval = packageGlobal.eval
  const CompartmentEval = {
    eval: (source) => {
      if (typeof source !== 'string') return compartmentEval(source)
      const accepted = evadeSesRejections(source)
      let evaluate = compartmentEval
      if (countImports(accepted) > countImports(source)) {
        // As for Function: `__import__` is the caller's module's `import()`, a lexical of this
        // one evaluation.
        const dynamicImport = callerModuleImport(compartment, CompartmentEval) ?? unattributedImport('eval')
        evaluate = (code) => compartment.evaluate(code, { __moduleShimLexicals__: { __import__: dynamicImport } })
      }
      return compileNaming(() => compileRewritingWith(evaluate, accepted), 'code it passed to eval')
    },
  }.eval
  packageGlobal.eval = CompartmentEval

  /** The `import()` of compiled code no module of this package is on the stack for: it refuses. */
  function unattributedImport(compiler) {
    return (specifier) =>
      Promise.reject(new packageGlobal.Error(`LavaMoat: import(${JSON.stringify(`${specifier}`)}) in code package "${name}" compiled with ${compiler} cannot be resolved: no module of "${name}" is on the stack that compiled it`))
  }

  /** Runs `compile`; an error for sloppy-only code is rethrown naming this package. */
  function compileNaming(compile, compiled) {
    try {
      return compile()
    } catch (err) {
      throw explainSloppyOnly(err, name, compiled, packageGlobal.SyntaxError)
    }
  }

  boundNames.set(compartment, boundGlobalNames(fixedGlobals))
  return compartment
}

/** Defines what the package's `globals` policy grants on its global; returns the fixed names. */
function endowGranted(packageGlobal, { name, policy, rootGlobal, hostGlobal, globalStore, warnIgnoredWrite, isSharedWritable, processView, reflectShare }) {
  for (const path of Object.keys(policy.globals)) materializeRootGlobal(rootGlobal, path.split('.')[0])
  let fixedGlobals
  try {
    fixedGlobals = endowPackageGlobal({ packageGlobal, globalsPolicy: policy.globals, sourceGlobal: rootGlobal, hostGlobal, globalStore, warnIgnoredWrite, isSharedWritable, processView, reflectShare })
  } catch (err) {
    throw new Error(`Lavamoat - failed to prepare endowments for package "${name}":\n${err.stack}`)
  }
  setSelfReferences(packageGlobal)
  return fixedGlobals
}

/**
 * A learning run analysed more of a package whose compartment exists: its global gets what
 * the grown policy grants (the same parameters as createPackageCompartment). Names its modules
 * already bound stay bound.
 */
function regrantGlobals(compartment, params) {
  endowGranted(compartment.globalThis, params)
}

module.exports = { createRootCompartment, createPackageCompartment, regrantGlobals, materializeRootGlobals, boundNamesOf, noteModuleImport }
