'use strict'
// ECMAScript modules: loading, linking and evaluating them in their package's compartment,
// with every `import` checked against the policy like a `require`.
//
// The Rust core turns each module into a record (its requests, what it exports from where)
// and a generator function (src/transform/esm): the first step binds the module's exports as getters
// over its own bindings and hoists its functions, the second runs its body. The linker here
// follows Node: it loads the whole graph, links it (every namespace exists, every named
// import is checked), instantiates every module (first step), then evaluates depth first
// (second step; a module with top-level await is awaited). Cycles see each other's hoisted
// functions and live bindings; bindings not yet initialised throw as in Node.
//
// Interop, as Node does it: an ES module imports a CommonJS module as a namespace whose
// `default` is `module.exports` and whose names are those Node's lexer finds in the source
// (src/transform/esm/commonjs.rs); `require()` of an ES module returns its namespace, synchronously,
// unless its graph has top-level await (ERR_REQUIRE_ASYNC_MODULE); a builtin's namespace is
// the package's attenuated view of it, `default` included; JSON needs `with { type: 'json' }`.
//
// Security: a namespace handed to another package is that package's view of it (its objects
// are exports views, exports-views.js), and what a namespace does not export cannot be read.

const path = require('node:path')
const { pathToFileURL, fileURLToPath } = require('node:url')
const { noteModuleImport } = require('../compartments/package-compartment')

// Captured now: --scuttleGlobalThis later makes the real globals throw.
const { Object, Reflect, Map, Set, WeakMap, Promise, SyntaxError, TypeError, ReferenceError, Symbol } = globalThis

const NAMESPACE = '*'

/** `map.get(key)`, made by `make()` and kept the first time. */
function memo(map, key, make) {
  let value = map.get(key)
  if (value === undefined) {
    value = make()
    map.set(key, value)
  }
  return value
}

/** A frozen namespace object: one getter per name, sorted, as a module namespace has. */
function makeNamespace(getters) {
  const namespace = Object.create(null)
  for (const name of Array.from(getters.keys()).sort()) {
    Reflect.defineProperty(namespace, name, { get: getters.get(name), enumerable: true, configurable: false })
  }
  Reflect.defineProperty(namespace, Symbol.toStringTag, { value: 'Module' })
  return Object.freeze(namespace)
}

// Node 23+ (nodejs/node#53848, semver-major, not in 20.x: v20.20 checked) gives the
// namespace of a CommonJS module a `"module.exports"` export, its `module.exports` like
// `default`. `export * from './lib.cjs'` re-exports it, so `require()` of such an ES module
// answers the CommonJS `module.exports` there (mocha 12's index.js) and the namespace on 20.
const CJS_NAMESPACE_HAS_MODULE_EXPORTS = Number(process.versions.node.split('.')[0]) >= 23

/**
 * @param {object} params
 * @param {(parent: object, request: string, kind: 'import') => object} params.authorize the
 *   loader's policy check of a request (module-loader.js)
 * @param {(parent: object, id: string) => object} params.builtinFor a builtin as the package may see it
 * @param {(file: string, packageName: string) => unknown} params.loadCommonJs `module.exports`
 *   of a CommonJS, JSON or native module
 * @param {(name: string) => object} params.compartmentFor
 * @param {(name: string) => object} params.policyFor
 * @param {(consumer: string, owner: string, value: unknown) => unknown} params.exportsView
 * @param {(file: string) => string} params.moduleFormat
 * @param {(file: string) => { record: object, functorSource: string }} params.loadRecord the
 *   file's ESM record and functor source, as SES will accept it
 * @param {(file: string) => string[]} params.commonjsNames
 * @param {(err: unknown, file: string, packageName: string) => void} params.noteFailure
 * @param {(packageName: string, id: string, name: string) => Error | undefined} params.refuseBuiltinMember
 *   the policy refusal of a named import the builtin has but the package is not granted
 * @param {string} params.root the root package's name
 */
function createEsmLinker({ authorize, builtinFor, loadCommonJs, compartmentFor, policyFor, exportsView, moduleFormat, loadRecord, commonjsNames, noteFailure, refuseBuiltinMember, root }) {
  /** file -> module record (ESM, CommonJS, JSON) */
  const records = new Map()
  /** package -> id -> builtin record */
  const builtinRecords = new Map()
  /** consumer package -> record -> the consumer's view of its namespace */
  const namespaceViews = new Map()


  function contextFor(file, packageName) {
    return { file, dir: path.dirname(file), packageName, policy: policyFor(packageName) }
  }

  // ---- records ---------------------------------------------------------------------------

  function recordForFile(file, packageName, { isJson = false, requester } = {}) {
    const format = moduleFormat(file)
    let record = records.get(file)
    if (record !== undefined) return record
    if (format === 'esm') record = esmRecord(file, packageName)
    else if (format === 'json') {
      if (!isJson && requester !== undefined) {
        throw Object.assign(new TypeError(`Module "${pathToFileURL(file).href}" needs an import attribute of "type: json"`), { code: 'ERR_IMPORT_ATTRIBUTE_MISSING' })
      }
      record = { kind: 'json', file, packageName, state: 'new', value: undefined }
      record.namespace = makeNamespace(new Map([['default', () => record.value]]))
      record.exportNames = new Set(['default'])
    } else if (format === 'native') {
      record = commonJsRecord(file, packageName, [])
    } else {
      record = commonJsRecord(file, packageName, commonjsNames(file), { moduleExportsName: CJS_NAMESPACE_HAS_MODULE_EXPORTS })
    }
    records.set(file, record)
    return record
  }

  function commonJsRecord(file, packageName, names, { moduleExportsName = false } = {}) {
    const record = { kind: 'commonjs', file, packageName, state: 'new', value: undefined }
    const getters = new Map([['default', () => record.value]])
    if (moduleExportsName) getters.set('module.exports', () => record.value)
    for (const name of names) {
      if (!getters.has(name)) getters.set(name, () => (record.value === null || record.value === undefined ? undefined : record.value[name]))
    }
    record.exportNames = new Set(getters.keys())
    record.namespace = makeNamespace(getters)
    return record
  }

  function builtinRecord(packageName, id) {
    return memo(memo(builtinRecords, packageName, () => new Map()), id, () => {
      const value = builtinFor({ packageName, policy: policyFor(packageName) }, id)
      const getters = new Map([['default', () => value]])
      for (const name of Object.keys(value)) getters.set(name, () => value[name])
      return { kind: 'builtin', id, packageName, state: 'evaluated', exportNames: new Set(getters.keys()), namespace: makeNamespace(getters) }
    })
  }

  function esmRecord(file, packageName) {
    let loaded
    try {
      loaded = loadRecord(file)
    } catch (err) {
      noteFailure(err, file, packageName)
      throw err
    }
    const { record: source, functorSource } = loaded
    return {
      kind: 'esm',
      file,
      packageName,
      context: contextFor(file, packageName),
      requests: source.requests,
      exports: source.exports,
      starExports: source.starExports,
      hasTopLevelAwait: source.hasTopLevelAwait,
      functorSource,
      targets: undefined,
      locals: new Map(),
      namespace: undefined,
      exportNames: undefined,
      iterator: undefined,
      state: 'new',
      error: undefined,
    }
  }

  // ---- linking ---------------------------------------------------------------------------

  /** The record a request from a module (`context`) leads to, after the policy check. */
  function targetOf(context, request) {
    // `file:` URLs name the same files, and so the same module instances, as paths do.
    const specifier = request.specifier.startsWith('file:') ? fileURLToPath(request.specifier) : request.specifier
    const target = authorize(context, specifier, 'import')
    const { packageName } = context
    if (target.kind === 'builtin') return builtinRecord(packageName, target.id)
    if (target.kind === 'self') return recordForFile(context.file, packageName, packageName, { isJson: request.isJson, requester: context })
    return recordForFile(target.file, target.packageName, { isJson: request.isJson, requester: context })
  }

  /** Loads and links the graph under `start`: records, targets, namespaces, import checks. */
  function link(start) {
    const pending = [start]
    const linked = []
    while (pending.length > 0) {
      const record = pending.pop()
      if (record.kind !== 'esm' || record.targets !== undefined) continue
      record.targets = record.requests.map((request) => targetOf(record.context, request))
      linked.push(record)
      for (const target of record.targets) pending.push(target)
    }
    for (const record of linked) namespaceOf(record)
    for (const record of linked) checkImports(record)
    for (const record of linked) instantiate(record)
  }

  /**
   * Where export `name` of `record` really lives: `{ record, name }` (name `*`: its namespace),
   * null when it does not export it, 'ambiguous' when two `export *` give two different bindings.
   */
  function resolveExport(record, name, visited = new Set()) {
    if (record.kind !== 'esm') return record.exportNames.has(name) ? { record, name } : null
    const visit = `${name}\0${record.file}`
    if (visited.has(visit)) return null
    visited.add(visit)
    for (const entry of record.exports) {
      if (entry.name !== name) continue
      if (entry.request === undefined || entry.request === null) return { record, name }
      const target = record.targets[entry.request]
      if (entry.importName === NAMESPACE) return { record: target, name: NAMESPACE }
      return resolveExport(target, entry.importName, visited)
    }
    if (name === 'default') return null
    let found = null
    for (const index of record.starExports) {
      const resolution = resolveExport(record.targets[index], name, visited)
      if (resolution === 'ambiguous') return resolution
      if (resolution === null) continue
      // The same binding reached through two `export *` is not ambiguous (date-fns).
      if (found !== null && (found.record !== resolution.record || found.name !== resolution.name)) return 'ambiguous'
      found = resolution
    }
    return found
  }

  function exportedNames(record, visited = new Set()) {
    if (record.kind !== 'esm') return Array.from(record.exportNames)
    if (visited.has(record)) return []
    visited.add(record)
    const names = new Set(record.exports.map((entry) => entry.name))
    for (const index of record.starExports) {
      for (const name of exportedNames(record.targets[index], visited)) if (name !== 'default') names.add(name)
    }
    return Array.from(names)
  }

  function namespaceOf(record) {
    if (record.namespace !== undefined) return record.namespace
    const getters = new Map()
    for (const name of exportedNames(record)) {
      const resolution = resolveExport(record, name)
      if (resolution === null || resolution === 'ambiguous') continue
      getters.set(name, readerOf(resolution))
    }
    record.exportNames = new Set(getters.keys())
    record.namespace = makeNamespace(getters)
    return record.namespace
  }

  function readerOf({ record, name }) {
    if (name === NAMESPACE) return () => namespaceOf(record)
    if (record.kind !== 'esm') return () => record.namespace[name]
    return () => {
      const read = record.locals.get(name)
      if (read === undefined) throw new ReferenceError(`Cannot access '${name}' before initialization`)
      return read()
    }
  }

  function checkImports(record) {
    record.requests.forEach((request, index) => {
      const target = record.targets[index]
      for (const name of request.names) {
        const resolution = resolveExport(target, name)
        if (resolution !== null && resolution !== 'ambiguous') continue
        const refusal = target.kind === 'builtin' ? refuseBuiltinMember(record.packageName, target.id, name) : undefined
        // Present in Node's module, left out by the policy: the refusal says which grant is missing.
        if (refusal !== undefined) throw refusal
        const why = resolution === 'ambiguous' ? 'contains conflicting star exports for name' : 'does not provide an export named'
        const err = new SyntaxError(`The requested module '${request.specifier}' ${why} '${name}'`)
        noteFailure(err, record.file, record.packageName)
        throw err
      }
    })
  }

  function instantiate(record) {
    if (record.iterator !== undefined) return
    const compartment = compartmentFor(record.packageName)
    let functor
    try {
      functor = compartment.evaluate(record.functorSource)
    } catch (err) {
      noteFailure(err, record.file, record.packageName)
      throw err
    }
    const imports = record.targets.map((target) => namespaceFor(record.packageName, target))
    const bindExports = (getters) => {
      for (const [name, read] of Object.entries(getters)) record.locals.set(name, read)
    }
    const dynamicImport = dynamicImportFor(record)
    noteModuleImport(compartment, pathToFileURL(record.file).href, dynamicImport)
    record.iterator = Reflect.apply(functor, undefined, [imports, bindExports, importMetaOf(record), dynamicImport])
    // Binds the exports and hoists the functions: an async module's first step is synchronous
    // too (it runs up to its first `yield`, which settles a few microtasks later).
    const first = record.iterator.next()
    if (record.hasTopLevelAwait) instantiating.add(first)
  }

  function importMetaOf(record) {
    const { file, context } = record
    return {
      url: pathToFileURL(file).href,
      filename: file,
      dirname: path.dirname(file),
      // Policy-checked like the import itself.
      resolve(specifier) {
        const target = authorize(context, `${specifier}`, 'import')
        if (target.kind === 'builtin') return target.id.startsWith('node:') ? target.id : `node:${target.id}`
        return pathToFileURL(target.kind === 'self' ? file : target.file).href
      },
    }
  }

  function dynamicImportFor(record) {
    return dynamicImport(record.context)
  }

  // ---- evaluation ------------------------------------------------------------------------

  function graphIsAsync(record, visited = new Set()) {
    if (record.kind !== 'esm' || visited.has(record) || record.state === 'evaluated') return false
    visited.add(record)
    return record.hasTopLevelAwait || record.targets.some((target) => graphIsAsync(target, visited))
  }

  function evaluateOther(record) {
    if (record.state === 'evaluated') return
    if (record.state === 'errored') throw record.error
    if (record.state === 'evaluating') return
    record.state = 'evaluating'
    try {
      record.value = loadCommonJs(record.file, record.packageName)
      record.state = 'evaluated'
    } catch (err) {
      // Like Node: a CommonJS module that threw is tried again by a later import.
      record.state = 'new'
      throw err
    }
  }

  function evaluateSync(record) {
    if (record.kind !== 'esm') return evaluateOther(record)
    if (record.state === 'evaluated' || record.state === 'evaluating') return
    if (record.state === 'errored') throw record.error
    record.state = 'evaluating'
    try {
      for (const target of record.targets) evaluateSync(target)
      record.iterator.next()
      record.state = 'evaluated'
    } catch (err) {
      record.state = 'errored'
      record.error = err
      throw err
    }
  }

  /**
   * Evaluates `record` and its graph as Node does (the spec's InnerModuleEvaluation): depth
   * first, a module whose dependencies are all done runs at once, synchronously; a module with
   * top-level await starts at once too (up to its first `await`) and the traversal goes on to
   * its siblings; a module waits only when a dependency of its own is still running. Returns
   * undefined when `record` is done, else the promise of its evaluation. `ancestors` are the
   * modules this traversal is inside.
   *
   * A module another `import()` is still evaluating is waited for (two concurrent imports of
   * one module: the second must not see its bindings before they are initialised), unless
   * that evaluation waits, through the modules it awaits, on one of ours: a cycle, as an
   * ancestor is, which must not wait for itself.
   */
  function evaluateAsync(record, ancestors = new Set()) {
    if (record.kind !== 'esm') return evaluateOther(record)
    if (record.state === 'evaluated') return undefined
    if (record.state === 'errored') throw record.error
    if (record.state === 'evaluating') {
      return ancestors.has(record) || awaitsAnyOf(record, ancestors) ? undefined : record.evaluation
    }
    record.state = 'evaluating'
    const inner = new Set(ancestors).add(record)
    const pending = []
    record.awaiting = new Set()
    try {
      for (const target of record.targets) {
        const evaluation = evaluateAsync(target, inner)
        if (evaluation === undefined) continue
        pending.push(evaluation)
        record.awaiting.add(target)
      }
      if (pending.length === 0 && !record.hasTopLevelAwait) {
        record.iterator.next()
        record.state = 'evaluated'
        record.awaiting = undefined
        return undefined
      }
    } catch (err) {
      record.state = 'errored'
      record.error = err
      record.awaiting = undefined
      // The siblings already running settle later: their failure is this one's, reported once.
      for (const evaluation of pending) evaluation.catch(() => {})
      throw err
    }
    record.evaluation = (async () => {
      try {
        if (pending.length > 0) await Promise.all(pending)
        record.awaiting = undefined
        // A module with top-level await starts here, synchronously when nothing was pending:
        // its first step (instantiate) has settled, so next() resumes its body at once.
        await record.iterator.next()
        record.state = 'evaluated'
      } catch (err) {
        record.state = 'errored'
        record.error = err
        throw err
      } finally {
        record.awaiting = undefined
      }
    })()
    // Whoever imported it awaits this promise; a second importer that never does must not make
    // its failure an unhandled rejection of its own.
    record.evaluation.catch(() => {})
    return record.evaluation
  }

  /** Whether the evaluation of `record` is waiting, directly or not, on one of `records`. */
  function awaitsAnyOf(record, records) {
    const seen = new Set()
    const queue = [record]
    while (queue.length > 0) {
      const next = queue.pop()
      if (next.awaiting === undefined) continue
      for (const awaited of next.awaiting) {
        if (records.has(awaited)) return true
        if (seen.has(awaited)) continue
        seen.add(awaited)
        queue.push(awaited)
      }
    }
    return false
  }

  /**
   * The instantiation of every module with top-level await, done: its first step (binding its
   * exports, up to a `yield`) is an async generator's, settled a few microtasks later, after
   * which its body starts synchronously when the traversal reaches it, as Node starts it.
   */
  const instantiating = new Set()
  async function instantiated() {
    while (instantiating.size > 0) {
      const all = Array.from(instantiating)
      instantiating.clear()
      await Promise.all(all)
    }
  }

  /** What package `consumer` sees of `record`'s namespace. */
  function namespaceFor(consumer, record) {
    const namespace = namespaceOf(record)
    if (consumer === root || consumer === record.packageName || record.kind === 'builtin') return namespace
    return memo(memo(namespaceViews, consumer, () => new Map()), record, () => {
      const getters = new Map()
      for (const name of record.exportNames) getters.set(name, () => exportsView(consumer, record.packageName, namespace[name]))
      return makeNamespace(getters)
    })
  }

  /** namespace -> what `require()` answers for it */
  const requiredNamespaces = new WeakMap()

  /**
   * As Node answers `require(esm)`: the namespace, with `__esModule: true` when it has a
   * default export and no `__esModule` of its own (for code compiled from ESM to CommonJS).
   */
  function requiredNamespace(namespace) {
    if (!('default' in namespace) || '__esModule' in namespace) return namespace
    return memo(requiredNamespaces, namespace, () => {
      const getters = new Map([['__esModule', () => true]])
      for (const name of Object.keys(namespace)) getters.set(name, () => namespace[name])
      return makeNamespace(getters)
    })
  }

  /** record -> its `"module.exports"` export as the first `require()` of it found it */
  const requiredExportsValues = new WeakMap()

  /**
   * As Node (20.19+, 22.12+) answers `require(esm)` of a module that exports the name
   * `"module.exports"` (`export { Mocha as "module.exports" }`, mocha 12): that export's value,
   * not the namespace, even when it is undefined. Node keeps it as the file's
   * `module.exports` on the first require; later requires answer that same value although
   * the binding is live. Another package gets its own view of it, as of any export.
   */
  function requiredExports(consumer, record) {
    if (!requiredExportsValues.has(record)) requiredExportsValues.set(record, namespaceOf(record)['module.exports'])
    const value = requiredExportsValues.get(record)
    if (consumer === root || consumer === record.packageName || record.kind === 'builtin') return value
    return exportsView(consumer, record.packageName, value)
  }

  /** `import(specifier)` in the module of `context` (ES or CommonJS). */
  function dynamicImport(context) {
    return (specifier) =>
      Promise.resolve().then(async () => {
        const target = targetOf(context, { specifier: `${specifier}`, names: [], isJson: false })
        link(target)
        await instantiated()
        await evaluateAsync(target)
        return namespaceFor(context.packageName, target)
      })
  }

  return {
    dynamicImport,
    /** `require()` of an ES module: its namespace, evaluated synchronously. */
    requireModule(file, packageName, consumer) {
      const record = recordForFile(file, packageName)
      link(record)
      if (graphIsAsync(record)) {
        throw Object.assign(new Error(`require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the top-level await comes from, use --experimental-print-required-tla.\n  From ${consumer} requiring ${file}`), { code: 'ERR_REQUIRE_ASYNC_MODULE' })
      }
      evaluateSync(record)
      if ('module.exports' in namespaceOf(record)) return requiredExports(consumer, record)
      return requiredNamespace(namespaceFor(consumer, record))
    },
    /** Runs an ES module entry; resolves to its namespace. */
    async importEntry(file, packageName) {
      const record = recordForFile(file, packageName)
      link(record)
      await instantiated()
      await evaluateAsync(record)
      return record.namespace
    },
  }
}

module.exports = { createEsmLinker }
