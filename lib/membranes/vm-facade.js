'use strict'
// What a package gets for Node's `vm` builtin: Node's, but for the three ways to run code in
// "this context", which here means the package's compartment instead of the host realm.
//
// Security: `vm.runInThisContext(src)`, `new vm.Script(src).runInThisContext()` and
// `vm.compileFunction(src)()` (no `parsingContext`) run `src` in the realm LavaMoat itself runs
// in, where `globalThis.process` is the real process and every builtin is a `require` away: a
// `vm` grant (what --autopolicy writes for template engines and bundlers) was a grant of
// everything. Here they evaluate in the calling package's compartment, as its own `eval` does,
// with its globals and policy. Realms the package makes (`createContext`, `runInContext`,
// `runInNewContext`, a Script's `runInContext` / `runInNewContext`, `compileFunction` with a
// `parsingContext`) are its own and stay Node's (vm-realms.js).
//
// `Script` is a class of this facade, not a subclass of Node's: its prototype chain must not
// lead to Node's `Script.prototype.runInThisContext`. Its instances hold Node's script
// privately (compiled by Node, so syntax errors and cached data are Node's) and delegate the
// context methods to it. The real context methods are passed the arguments as the package
// holds them: this facade's methods are context functions to the membranes (vm-realms.js).
//
// What differs from Node: the code runs as the compartment runs code, in strict mode (a
// top-level `var` does not make a global; `this` at the top is the compartment's global
// object), and `contextExtensions` are refused.

const vm = require('node:vm')
const { markContextFunction } = require('./vm-realms')

const { Reflect, Object, WeakMap, TypeError } = globalThis

/** facade Script -> { script: Node's Script, code, filename } */
const scripts = new WeakMap()

/** Code as a compartment evaluates it, with Node's filename for stack traces. */
const withSourceUrl = (code, filename) =>
  typeof filename === 'string' && filename !== '' && !/[\r\n]/.test(filename) ? `${code}\n//# sourceURL=${filename}` : code

const filenameOf = (options) => (typeof options === 'string' ? options : options?.filename)

/**
 * @param {(code: string) => unknown} evaluate evaluates in the package's compartment
 */
function makeVmFacade(evaluate) {
  function runInThisContext(code, options) {
    // Compiled by Node first: a syntax error is Node's, with its position.
    new vm.Script(code, options)
    return evaluate(withSourceUrl(`${code}`, filenameOf(options)))
  }

  function compileFunction(code, params = [], options = {}) {
    if (options?.parsingContext !== undefined) return vm.compileFunction(code, params, options)
    if (options?.contextExtensions?.length) {
      throw new TypeError('LavaMoat: vm.compileFunction() with contextExtensions and no parsingContext is not supported: the function is compiled in the package\'s compartment')
    }
    const source = `(function (${params.join(', ')}) {\n${code}\n})`
    // Compiled (not run) by Node first: the parameters and the body must make one function.
    new vm.Script(source, { filename: options?.filename })
    return evaluate(withSourceUrl(source, options?.filename))
  }

  class Script {
    constructor(code, options) {
      const source = `${code}`
      scripts.set(this, { script: new vm.Script(source, options), code: source, filename: filenameOf(options) })
    }

    runInThisContext() {
      const { code, filename } = ownScript(this)
      return evaluate(withSourceUrl(code, filename))
    }

    runInContext(context, options) {
      return ownScript(this).script.runInContext(context, options)
    }

    runInNewContext(context, options) {
      return ownScript(this).script.runInNewContext(context, options)
    }

    createCachedData() {
      return ownScript(this).script.createCachedData()
    }

    get cachedDataRejected() {
      return ownScript(this).script.cachedDataRejected
    }

    get sourceMapURL() {
      return ownScript(this).script.sourceMapURL
    }
  }
  markContextFunction(Script.prototype.runInContext)
  markContextFunction(Script.prototype.runInNewContext)

  const facade = {}
  for (const key of Reflect.ownKeys(vm)) Reflect.defineProperty(facade, key, Reflect.getOwnPropertyDescriptor(vm, key))
  for (const [name, value] of Object.entries({ runInThisContext, compileFunction, Script })) {
    Reflect.defineProperty(facade, name, { value, writable: true, enumerable: true, configurable: true })
  }
  return facade
}

function ownScript(script) {
  const own = scripts.get(script)
  if (own === undefined) throw new TypeError('LavaMoat: not a vm.Script of this package\'s vm')
  return own
}

module.exports = { makeVmFacade }
