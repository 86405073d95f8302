'use strict'
// What a package gets for Node's `module` builtin: not Node's `Module`, whose loader runs any
// file and loads any builtin outside LavaMoat, but a stand-in of it made for the package.
//
// Security: every member of the real `Module` that loads or runs code goes round the policy:
// `Module._load('child_process')`, `Module.prototype.require.call(m, id)`, `new Module().require`,
// `_compile(src)`, and `prototype.constructor` is the real `Module`
// again. `_cache` is every module Node loaded (LavaMoat's own among them) and `_extensions` the
// hook table of Node's loader. So the stand-in is built from an allowlist (a member Node adds
// later is absent until it is known to be harmless; fail closed):
// - members that load go through the package's own require, checked against its policy;
// - `_cache` and `_extensions` are the package's own tables;
// - the rest are Node's, for they compute paths or data and run nothing.
// The stand-in is built per package and handed out through the package's view of `module`
// (whole grant) or of the members its policy names, so its writes stay with it.

const path = require('node:path')

const { Reflect, Object, Error, TypeError } = globalThis

// Node's members that run no code: paths, lists, source maps, the compile cache's settings.
// `register` and `registerHooks` are the refusing stand-ins explicit-members.js left on the
// real module; the loader gives the real ones to a package whose policy names them.
const NODE_MEMBERS = [
  'builtinModules', 'isBuiltin', 'constants', 'wrap', 'wrapper', 'globalPaths',
  '_nodeModulePaths', '_resolveFilename', '_findPath', '_resolveLookupPaths',
  'findSourceMap', 'SourceMap', 'findPackageJSON', 'syncBuiltinESMExports', 'stripTypeScriptTypes',
  'enableCompileCache', 'getCompileCacheDir', 'flushCompileCache',
  'register', 'registerHooks',
]

/** What a Module method that would run code with Node's own loader throws. */
function notUnderLavaMoat(member) {
  return {
    [member.slice(member.lastIndexOf('.') + 1)]() {
      throw Object.assign(
        new Error(`LavaMoat: ${member}() runs code with Node's own loader, outside LavaMoat and its policy: it is not available to packages`),
        { code: 'LAVAMOAT_MODULE_LOADER' },
      )
    },
  }[member.slice(member.lastIndexOf('.') + 1)]
}

/**
 * @param {object} realModule Node's `module` exports (the `Module` function)
 * @param {object} params
 * @param {(dir: string) => (request: string) => unknown} params.requireIn the package's require,
 *   resolving from `dir`, checked against its policy
 * @param {Function} params.createRequire the package's `createRequire`
 * @param {object} params.extensions the package's `require.extensions`
 * @param {() => string} params.cwd where Node resolves a request with no parent module from
 * @param {(main?: string) => void} params.runMain the package's `Module.runMain` (the loader's:
 *   it runs the project's main through LavaMoat's loader, or says why not)
 */
function makeModuleFacade(realModule, { requireIn, createRequire, extensions, cwd, runMain }) {
  /** The directory a module-like object's requests resolve from, as in Node. */
  const dirOf = (moduleLike) => {
    const filename = moduleLike?.filename ?? moduleLike?.id
    return typeof filename === 'string' && path.isAbsolute(filename) ? path.dirname(filename) : cwd()
  }

  // A module object of the package's making (require-from-string, import-fresh's callers):
  // data only, whose `require` is the package's.
  function Module(id = '', parent) {
    if (!new.target) throw new TypeError("Class constructor Module cannot be invoked without 'new'")
    this.id = id
    this.path = path.dirname(id)
    this.exports = {}
    this.filename = null
    this.loaded = false
    this.children = []
    this.parent = parent
  }
  Module.prototype.require = function require(request) {
    return requireIn(dirOf(this))(request)
  }
  Module.prototype._compile = notUnderLavaMoat('Module.prototype._compile')
  Module.prototype.load = notUnderLavaMoat('Module.prototype.load')

  for (const name of NODE_MEMBERS) {
    const desc = Reflect.getOwnPropertyDescriptor(realModule, name)
    if (desc !== undefined) Reflect.defineProperty(Module, name, { ...desc, configurable: true })
  }
  const members = {
    Module,
    createRequire,
    _load(request, parent) {
      return requireIn(dirOf(parent))(request)
    },
    _cache: Object.create(null),
    _pathCache: Object.create(null),
    _extensions: extensions,
    // `--require` modules of a loader (ts-node's `require` option): the package's own
    // requires, resolved from the working directory as Node does.
    _preloadModules(requests) {
      for (const request of requests ?? []) requireIn(cwd())(request)
    },
    runMain,
    _initPaths() {},
  }
  for (const [name, value] of Object.entries(members)) {
    Reflect.defineProperty(Module, name, { value, writable: true, enumerable: true, configurable: true })
  }
  return Module
}

module.exports = { makeModuleFacade }
