'use strict'
// The module graph: instantiates CommonJS modules in their package's compartment and gives
// each module its policy-enforcing `require`; ES modules go through esm-linker.js, with the
// same policy checks.

const fs = require('node:fs')
const path = require('node:path')
const { fileURLToPath } = require('node:url')
const hostModule = require('node:module')
const { loadModuleFunctionSource, moduleFunctionSource, loadEsmRecord, commonjsExportsOf, boundGlobalValues, loadJsonModule, compileRewritingWith } = require('./module-source')
const { moduleFormat } = require('./module-format')
const { createEsmLinker } = require('./esm-linker')
const { makeModuleFacade } = require('./module-facade')
const { makeVmFacade } = require('../membranes/vm-facade')
const { makeWorkerClass } = require('../compartments/confined-workers')
const { boundNamesOf, noteModuleImport } = require('../compartments/package-compartment')
const { isBuiltinAllowed, attenuateBuiltin, rememberBuiltinModule } = require('../membranes/attenuate')
const { viewFor } = require('../membranes/exports-views')
const { hardenBuiltinClasses } = require('../membranes/builtin-prototypes')
const { explicitMembersOf, grantsExplicitMember, bareId } = require('../membranes/explicit-members')
const errors = require('../policy/policy-errors')
const { noteModuleFailure } = require('../cli/error-report')
const { hostProcess } = require('../compartments/host')
const { explainSloppyOnly } = require('../realm/sloppy-only-error')

const ROOT = '$root$'

/** stand-in of a builtin that cannot load under lockdown -> the error a use of it throws */
const unloadable = new WeakMap()

/** An object every read of a member of which throws why builtin `id` cannot be loaded. */
function unloadableBuiltin(id) {
  const why = new Error(
    `LavaMoat: Node's "${id}" module cannot be loaded: it starts Node.js domains, which SES's lockdown disables in the whole process ` +
      '(SES_NO_DOMAINS, https://github.com/endojs/endo/blob/master/packages/ses/error-codes/SES_NO_DOMAINS.md). ' +
      'Requiring it works; using it throws this error.',
  )
  why.code = 'LAVAMOAT_NO_DOMAINS'
  const standIn = new Proxy(Object.freeze(Object.create(null)), {
    // Symbols (inspection), `__esModule` and `then` (interop and await probes) are absent.
    get(_, key) {
      if (typeof key === 'symbol' || key === '__esModule' || key === 'then') return undefined
      throw why
    },
  })
  unloadable.set(standIn, why)
  return standIn
}
const PROCESS_IDS = new Set(['process', 'node:process'])
const MODULE_IDS = new Set(['module', 'node:module'])
const WORKER_IDS = new Set(['worker_threads', 'node:worker_threads'])
// Builtins (by bare id) a package gets a facade of, made by the loader for it, and the members
// of each facade that are the package's own (giveOwnMembers). Security: the real Module loads
// and runs code outside LavaMoat (module-facade.js); so do vm's functions that run code in
// "this context" (vm-facade.js) and a Worker's file (confined-workers.js).
const FACADE_OWN_MEMBERS = new Map([
  ['module', ['createRequire', '_load', 'Module']],
  ['vm', ['runInThisContext', 'compileFunction', 'Script']],
  ['worker_threads', ['Worker']],
])

/** The path of a file: URL (string or URL object), or undefined. */
function fileUrlPath(url) {
  try {
    return fileURLToPath(typeof url === 'string' ? url : `${url?.href}`)
  } catch {
    return undefined
  }
}

/**
 * @param {object} params
 * @param {import('./resolution-cache').ResolutionCache} params.resolution
 * @param {(name: string) => object} params.policyFor normalised resource policy of a package
 * @param {(name: string) => object} params.compartmentFor the package's compartment
 * @param {{ start(id: string): void, end(id: string): void }} params.stats
 * @param {string} params.overrideFile policy-override path shown in hints
 * @param {(id: string) => unknown} params.hostRequire Node's own require (builtins, .node)
 * @param {(packageName: string, id: string) => object} params.processModuleFor the view of
 *   `process` a package gets for builtin `id` (`process` or `node:process`)
 * @param {ReturnType<import('../policy/learning-run').createLearner>} [params.learner] in a
 *   learning run: decides on a package edge the policy does not grant, before it is refused
 */
function createModuleLoader({ resolution, policyFor, compartmentFor, stats, overrideFile, hostRequire, processModuleFor, learner }) {
  /** the CommonJS entry: its file, package and module object */
  let entry
  /** file -> module object; cached before evaluation so cycles see partial exports */
  const modules = new Map()
  const builtins = new Map()
  const attenuatedBuiltins = new Map()

  /**
   * The policy of `parent`'s package. A learning run grows policies while the program runs:
   * a module's own copy may be stale.
   */
  const policyOf = (parent) => (learner === undefined ? parent.policy : policyFor(parent.packageName))

  /**
   * Resolves `request` for the module `parent` and checks the policy, before anything of the
   * target is evaluated.
   * @returns {{ kind: 'self' } | { kind: 'builtin', id: string } | { kind: 'file', file: string, packageName: string }}
   */
  function authorize(parent, request, kind = 'require') {
    const resolved = resolution.resolve(parent.dir, request, parent.packageName, kind)
    if (resolved === parent.file) return { kind: 'self' }
    const policy = policyOf(parent)
    if (!path.isAbsolute(resolved)) {
      if (parent.packageName !== ROOT && !isBuiltinAllowed(policy.builtin, resolved)) {
        throw refused(errors.builtinNotAllowed({ parent: parent.packageName, id: resolved, request, overrideFile, members: membersUsed(parent.file, resolved) }))
      }
      return { kind: 'builtin', id: resolved }
    }
    const owner = resolution.packageNameFor(resolved, parent.packageName, request, parent.dir)
    if (parent.packageName !== ROOT && owner !== parent.packageName && policy.packages[owner] !== true) {
      // A require made by createRequire has a directory, not a requiring module.
      const from = parent.file ?? `${parent.dir}${path.sep}`
      if (learner === undefined || !learner.learn(parent.packageName, owner, request, from)) {
        throw refused(errors.packageNotAllowed({ parent: parent.packageName, child: owner, request, overrideFile }))
      }
    }
    if (learner !== undefined) learner.reached(resolved)
    // A file of the project (a tool's config, the tests a test runner loads, a `resolutions`
    // redirect) runs as the project's own code, as the reference runs it, whoever loads it.
    // Security: it takes `packages: {"$root$": true}` (counted powerful by --diffPolicies), and
    // the project's code is what the user trusts: running it as the requiring package would
    // instead give that package every builtin and package the project's files need.
    return { kind: 'file', file: resolved, packageName: owner }
  }

  /**
   * The members of builtin `id` that `file`'s code uses (`fs.readFileSync`), as --autopolicy
   * would grant them: for a refusal's hint, the narrowest grant. Analysed only when refused.
   */
  function membersUsed(file, id) {
    if (file === undefined) return []
    try {
      const { requests } = require('../native').sourceUses(fs.readFileSync(file, 'utf8'), file)
      const bare = id.replace(/^node:/, '')
      return [...new Set(requests.filter((key) => key.startsWith(`${bare}.`) || key.startsWith(`node:${bare}.`)))]
    } catch {
      // A file the analysis cannot read: the hint names the whole module.
      return []
    }
  }

  /** A refusal, noted for a learning run's summary. */
  function refused(err) {
    if (learner !== undefined) learner.noteRefusal(err)
    return err
  }

  function requireFrom(parent, requestValue) {
    // Stringified exactly once: a `toString` that answers differently on each call cannot
    // make the checked specifier differ from the loaded one.
    const request = `${requestValue}`
    const target = authorize(parent, request)
    if (target.kind === 'self') {
      // Browserify-era builtin polyfills require themselves by their builtin name.
      if (request === 'timers' || request === 'buffer') return parent.module.exports
      throw errors.recursiveRequire(request)
    }
    if (target.kind === 'builtin') return builtinFor(parent, target.id)
    // `require(esm)`: the namespace, already the requiring package's view of it.
    if (moduleFormat(target.file) === 'esm') return esm.requireModule(target.file, target.packageName, parent.packageName)
    // Only the project's files that a module of a hooked graph requires are in that graph.
    const hooked = target.packageName === ROOT ? parent.hooked : undefined
    const moduleExports = instantiate(target.file, target.packageName, hooked)
    if (parent.packageName === ROOT || target.packageName === parent.packageName) return moduleExports
    return viewFor(parent.packageName, target.packageName, moduleExports)
  }

  function loadBuiltin(id) {
    let real = builtins.get(id)
    if (real === undefined) {
      stats.start(id)
      try {
        real = loadUnlessDomains(id)
      } finally {
        stats.end(id)
      }
      builtins.set(id, real)
      rememberBuiltinModule(real)
      hardenBuiltinClasses(real)
    }
    return real
  }

  /**
   * `hostRequire(id)`, or for a builtin that sets up Node.js domains as it loads (`domain`,
   * and `repl`, which requires it), the stand-in of `unloadableBuiltin`: SES's lockdown made
   * `process.domain` a fixed null so that domains never start (SES_NO_DOMAINS: a domain is
   * attached to every promise and emitter made while it is active, one object reachable from
   * every package's). CLIs require `repl` at load and use it only for an interactive mode
   * (ts-node): they load, and a use of it is the error that says why.
   */
  function loadUnlessDomains(id) {
    try {
      return hostRequire(id)
    } catch (err) {
      const domain = Reflect.getOwnPropertyDescriptor(hostProcess, 'domain')
      if (!(err instanceof TypeError) || err.message !== 'Cannot redefine property: domain' || domain === undefined || domain.configurable) throw err
      return unloadableBuiltin(id)
    }
  }

  function builtinFor(parent, id) {
    const real = loadBuiltin(id)
    // Holds nothing: every package allowed the module gets it as it is.
    if (parent.packageName === ROOT) return MODULE_IDS.has(id) || WORKER_IDS.has(id) || explicitMembersOf(id).length > 0 ? rootViewOf(id, real) : real
    if (unloadable.has(real)) return real
    const key = `${parent.packageName}\0${id}`
    let attenuated = attenuatedBuiltins.get(key)
    if (attenuated === undefined) {
      const { builtin } = policyOf(parent)
      const bare = bareId(id)
      // Security: the real process leads to every other capability (process-view.js).
      const exports = PROCESS_IDS.has(id) ? processModuleFor(parent.packageName, id) : (facadeFor(bare, parent, real) ?? real)
      attenuated = attenuateBuiltin(exports, id, builtin, parent.packageName)
      if (FACADE_OWN_MEMBERS.has(bare)) giveOwnMembers(attenuated, exports, FACADE_OWN_MEMBERS.get(bare))
      giveExplicitMembers(attenuated, parent.packageName, builtin, id)
      // A learning run reads the code a package compiles with vm (learning-run.js).
      if (learner !== undefined && bare === 'vm') learner.watchVm(attenuated, parent.packageName)
      attenuatedBuiltins.set(key, attenuated)
    }
    return attenuated
  }

  /** The facade of builtin `bare` made for `parent`'s package, if it gets one (FACADE_OWN_MEMBERS). */
  function facadeFor(bare, parent, real) {
    if (bare === 'module') return moduleFacadeFor(parent)
    if (bare === 'vm') return vmFacadeFor(parent.packageName)
    if (bare === 'worker_threads') return workerThreadsFor(parent, real)
    return undefined
  }

  /**
   * The members a facade made for the package itself, on its view as they are: as views of a
   * builtin their results would be too (a require made by `createRequire` handed out views of
   * what it loads, and a native addon's classes lost their methods), and they are the
   * package's own already. Where the view has them (a minimal view has only the granted
   * ones); `Module` of `module` is the view itself.
   */
  function giveOwnMembers(view, facade, names) {
    for (const name of names) {
      if (!Reflect.has(view, name)) continue
      const value = name === 'Module' ? view : facade[name]
      Reflect.defineProperty(view, name, { value, writable: true, enumerable: true, configurable: true })
    }
  }

  /**
   * The package's `worker_threads`: Node's, with a `Worker` of the package's
   * (confined-workers.js) that runs a file only where a require of it would be allowed.
   */
  const workerModules = new Map()
  function workerThreadsFor(parent, real) {
    let module = workerModules.get(parent.packageName)
    if (module === undefined) {
      module = Object.defineProperties({}, Object.getOwnPropertyDescriptors(real))
      module.Worker = workerClassFor(parent)
      workerModules.set(parent.packageName, module)
    }
    return module
  }

  /** A `Worker` class that `parent`'s package starts workers with. */
  function workerClassFor({ packageName, policy }) {
    return makeWorkerClass({ packageName, authorize: (file) => authorize({ file: undefined, dir: path.dirname(file), packageName, policy }, file) })
  }

  /** package -> its `vm` (vm-facade.js) */
  const vmFacades = new Map()
  function vmFacadeFor(packageName) {
    let facade = vmFacades.get(packageName)
    if (facade === undefined) {
      const compartment = compartmentFor(packageName)
      facade = makeVmFacade((code) => compartment.evaluate(code))
      vmFacades.set(packageName, facade)
    }
    return facade
  }

  /** package -> its stand-in of Node's `Module` (module-facade.js) */
  const moduleFacades = new Map()
  function moduleFacadeFor(parent) {
    let facade = moduleFacades.get(parent.packageName)
    if (facade === undefined) {
      facade = makeModuleFacade(hostModule, {
        requireIn: (dir) => requireIn(parent, dir),
        createRequire: makeCreateRequire(parent),
        extensions: extensionsFor(parent.packageName),
        cwd: () => hostProcess.cwd(),
        runMain: (main) => runMainOf(parent.packageName, main),
      })
      moduleFacades.set(parent.packageName, facade)
    }
    return facade
  }

  /**
   * Security: the members of builtin `id` that only a grant naming them gives
   * (explicit-members.js; taken off the real module, which answers a refusal for them). In
   * the package's view (whole or minimal; a write there stays with the package) the real one
   * when its policy names it, else, where the view has it (a whole-module grant), a refusal
   * that names the package and the grant.
   */
  function giveExplicitMembers(view, packageName, builtinPolicy, id) {
    for (const [name, real] of explicitMembersOf(id)) {
      let value
      if (grantsExplicitMember(builtinPolicy, id, name)) {
        value = real
      } else if (Reflect.has(view, name)) {
        const refusal = { parent: packageName, id: `${id}.${name}`, overrideFile }
        value = { [name]() { throw errors.explicitMemberNotGranted(refusal) } }[name]
      } else {
        continue
      }
      Reflect.defineProperty(view, name, { value, writable: true, enumerable: true, configurable: true })
    }
  }

  /**
   * The app's view of builtin `id`: Node's module, but for `createRequire` of `module`
   * (`Module.createRequire` too), which makes a require of this loader, `Worker` of
   * `worker_threads`, whose workers run under LavaMoat (confined-workers.js), and the explicit
   * members taken off the real module (explicit-members.js), which the app, unrestricted, has.
   * Security: the `createRequire` Node makes loads packages with Node's loader, outside
   * LavaMoat (an ES module app's `createRequire(import.meta.url)('dep')` ran dep with the real
   * process, whatever its policy).
   */
  const rootViews = new Map()
  function rootViewOf(id, real) {
    const bare = bareId(id)
    let rootView = rootViews.get(bare)
    if (rootView === undefined) {
      const answers = new Map(explicitMembersOf(bare))
      if (MODULE_IDS.has(bare)) answers.set('createRequire', makeCreateRequire({ packageName: ROOT, policy: policyFor(ROOT) }))
      if (WORKER_IDS.has(bare)) answers.set('Worker', workerClassFor({ packageName: ROOT, policy: policyFor(ROOT) }))
      rootView = new Proxy(real, {
        get(target, key, receiver) {
          if (answers.has(key)) return answers.get(key)
          if (key === 'Module' && MODULE_IDS.has(bare)) return rootView
          return Reflect.get(target, key, receiver === rootView ? target : receiver)
        },
        getOwnPropertyDescriptor(target, key) {
          const desc = Reflect.getOwnPropertyDescriptor(target, key)
          if (desc === undefined || !('value' in desc) || !desc.configurable) return desc
          if (answers.has(key)) return { ...desc, value: answers.get(key) }
          if (key === 'Module' && MODULE_IDS.has(bare)) return { ...desc, value: rootView }
          return desc
        },
      })
      rootViews.set(bare, rootView)
    }
    return rootView
  }

  /**
   * Security: Node's `createRequire` makes Node's own `require`, which loads any builtin and
   * runs any file outside LavaMoat: a package granted `module.createRequire` (what
   * `--autopolicy` grants every ESM bundle that starts `const require =
   * createRequire(import.meta.url)`, prettier 3's) could `require('child_process')`. This one
   * makes a require of this loader, resolving from the given file and checked against the
   * package's policy, as a require of its own modules is.
   */
  function makeCreateRequire(parent) {
    return function createRequire(filename) {
      const file = typeof filename === 'string' && !filename.startsWith('file:') ? filename : fileUrlPath(filename)
      if (typeof file !== 'string' || !path.isAbsolute(file)) {
        throw Object.assign(new TypeError(`The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received ${typeof filename === 'string' ? `'${filename}'` : typeof filename}`), { code: 'ERR_INVALID_ARG_VALUE' })
      }
      // A trailing separator names a directory, as in Node.
      const dir = file.endsWith(path.sep) ? file : path.dirname(file)
      return requireIn(parent, dir)
    }
  }

  /**
   * A require of `parent`'s package that resolves from `dir`: a directory to resolve from,
   * not a requiring module (a require of a file there loads it).
   */
  function requireIn({ packageName, policy }, dir) {
    return makeRequire({ file: undefined, dir, packageName, policy, module: { exports: undefined } })
  }

  /** package -> its `require.extensions` */
  const extensionsByPackage = new Map()
  /** the default handlers of every package's `require.extensions`, which the loader skips */
  const defaultHandlers = new WeakSet()
  /** module object a hook is compiling -> its file, while that hook runs */
  const hookedModules = new WeakMap()

  /**
   * `require.extensions` of a package: Node's (`Module._extensions`) is the hook table of
   * Node's own loader, which loads LavaMoat itself, so it is never handed out. Each package
   * gets a table of its own with Node's keys, shared by its modules (ts-node registers `.ts`
   * there and reads it back). LavaMoat's loader consults it only for the module graph that
   * package started with `Module.runMain()` (runMainOf). The default `.js` handler, which a
   * hook calls last (ts-node's wraps `module._compile` and calls it), reads the file of a
   * module the loader is compiling through a hook and calls `module._compile`; called on
   * anything else, it and the others say that they load nothing.
   */
  function extensionsFor(packageName) {
    let extensions = extensionsByPackage.get(packageName)
    if (extensions === undefined) {
      const handler = (ext) => ({
        [ext](module, filename) {
          const file = hookedModules.get(module)
          // Security: only the file being compiled, so no package reads other files with it.
          if (ext !== '.js' || file === undefined || `${filename}` !== file) {
            throw new Error(`LavaMoat: require.extensions["${ext}"] is not LavaMoat's loader: it loads ${filename} only for a module that LavaMoat's loader is compiling through a hook`)
          }
          module._compile(readText(file), file)
        },
      })[ext]
      extensions = Object.create(null)
      for (const ext of ['.js', '.json', '.node']) {
        extensions[ext] = handler(ext)
        defaultHandlers.add(extensions[ext])
      }
      extensionsByPackage.set(packageName, extensions)
    }
    return extensions
  }

  /** A file's text as Node's `.js` handler passes it to `module._compile`, byte order mark removed. */
  function readText(file) {
    const text = fs.readFileSync(file, 'utf8')
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  }

  /**
   * The handler `extensions` has for `file`, as Node picks it: the longest registered
   * extension of its name (`.d.ts` before `.ts`), else `.js`. Undefined when that is a
   * default handler: the loader loads the file itself.
   */
  function hookFor(extensions, file) {
    const name = path.basename(file)
    let handler = extensions['.js']
    for (let dot = name.indexOf('.', 1); dot !== -1; dot = name.indexOf('.', dot + 1)) {
      if (Object.hasOwn(extensions, name.slice(dot))) {
        handler = extensions[name.slice(dot)]
        break
      }
    }
    return typeof handler === 'function' && !defaultHandlers.has(handler) ? handler : undefined
  }

  /** the graph started by `Module.runMain()`, once one is (see runMainOf) */
  let hookedGraph
  // The program's arguments and directory as the user started it, before any package can
  // change them (a write to a package's `process.argv` reaches the real one).
  const commandLine = { cwd: hostProcess.cwd(), args: hostProcess.argv.slice(2) }

  /**
   * `Module.runMain(main = process.argv[1])` of `packageName`'s facade: how a loader such as
   * ts-node, @babel/register or pirates starts the program once its `require.extensions`
   * hooks are in. It runs `main` (as the package's `process.argv` names it; ts-node sets it)
   * with LavaMoat's loader as the project's own code, and while that module graph loads, each
   * of the project's files whose extension the package hooked is compiled by that hook.
   *
   * Security: a hook that compiles a file decides what that code does, so it has the
   * authority of the file's package. That is tied as tightly as the use allows (SECURITY.md,
   * "Loaders that compile the project's code"): only the package of the entry (the `--bin`
   * tool the user runs to compile and run their code) may call it, once; `main` must be a
   * file the command line names, and it and the hooked files the project's own (`$root$`),
   * never another package's; a file is hooked only when a module of that graph requires it
   * (not when the tool or another package does); other packages' hooks are never consulted.
   * `module._compile(code)` evaluates `code` as the file's module in the project's
   * compartment, as the loader does a file, and only once, while the hook runs: never in the
   * host realm, never with Node's loader.
   */
  function runMainOf(packageName, main) {
    if (entry === undefined || packageName !== entry.packageName || hookedGraph !== undefined) {
      throw Object.assign(
        new Error(`LavaMoat: Module.runMain() of package "${packageName}" was refused: only the package of the entry (the --bin tool) may run the project's main, once`),
        { code: 'LAVAMOAT_RUN_MAIN' },
      )
    }
    const argv = compartmentFor(packageName).globalThis.process?.argv
    const request = main ?? argv?.[1]
    if (typeof request !== 'string') throw Object.assign(new TypeError('LavaMoat: Module.runMain() has no main to run: process.argv[1] is not a path'), { code: 'LAVAMOAT_RUN_MAIN' })
    const extensions = extensionsFor(packageName)
    const file = mainFile(path.resolve(hostProcess.cwd(), request), extensions)
    if (file === undefined || resolution.packageNameFor(file) !== ROOT) {
      throw Object.assign(new Error(`LavaMoat: Module.runMain() of package "${packageName}" runs only a file of the project itself, not ${request}`), { code: 'LAVAMOAT_RUN_MAIN' })
    }
    if (!commandLine.args.some((arg) => mainFile(path.resolve(commandLine.cwd, arg), extensions) === file)) {
      throw Object.assign(new Error(`LavaMoat: Module.runMain() of package "${packageName}" runs only a file its command line names, not ${request}`), { code: 'LAVAMOAT_RUN_MAIN' })
    }
    hookedGraph = { extensions, mainFile: file, mainModule: undefined }
    if (learner !== undefined) learner.reached(file)
    instantiate(file, ROOT, hookedGraph)
  }

  /** `request` as a file, else with one of the registered extensions, as Node's runMain finds it (real path). */
  function mainFile(request, extensions) {
    for (const candidate of [request, ...Object.keys(extensions).map((ext) => `${request}${ext}`)]) {
      if (fs.statSync(candidate, { throwIfNoEntry: false })?.isFile()) return fs.realpathSync(candidate)
    }
    return undefined
  }

  function makeRequire(context) {
    const require = function require(request) {
      return requireFrom(context, request)
    }
    // `require.main === module` is how a CLI's bin runs its main (ts-node's): the entry's module
    // object, for the modules of the package the entry belongs to (its own object; none holds
    // a require). Other packages' `require.main` stays undefined, so that none reaches another
    // package's module (SECURITY.md). An ES module entry has none, as in Node.
    if (entry?.module !== undefined && context.packageName === entry.packageName) require.main = entry.module
    // The modules of a graph started by `Module.runMain()` have its main as theirs, as in Node.
    if (context.hooked !== undefined) require.main = context.hooked.mainModule
    require.extensions = extensionsFor(context.packageName)
    require.cache = requireCacheFor(context.packageName)
    // Policy-checked like `require` itself: the reference answers any request with the
    // absolute path, which tells a package what is installed where (defect 5).
    require.resolve = function resolve(requestValue) {
      const request = `${requestValue}`
      const target = authorize(context, request)
      if (target.kind === 'self') return context.file
      return target.kind === 'builtin' ? target.id : target.file
    }
    // Where Node would look for `request`: its own directory's ancestors' node_modules, what
    // __dirname already tells; nothing is resolved (null for a builtin, as in Node).
    require.resolve.paths = function paths(requestValue) {
      const request = `${requestValue}`
      if (hostModule.isBuiltin(request)) return null
      if (/^\.\.?(?:[\\/]|$)/.test(request)) return [context.dir]
      return hostModule._nodeModulePaths(context.dir)
    }
    return require
  }

  /** package -> its `require.cache` */
  const requireCaches = new Map()

  /**
   * A package's `require.cache`: the loaded modules of its own files, by file name. Deleting an
   * entry (what import-fresh and decache do to load a file anew) forgets the module, for a file
   * the package could require itself; for any other, the require that follows is the refusal.
   * Security: Node's is every module of the process, whose `exports` are the real objects
   * behind other packages' exports views, so a package sees its own only.
   */
  function requireCacheFor(packageName) {
    let cache = requireCaches.get(packageName)
    if (cache !== undefined) return cache
    const ownerOf = (file) => (typeof file === 'string' && modules.has(file) ? resolution.packageNameFor(file) : undefined)
    const isOwn = (file) => ownerOf(file) === packageName
    const mayRequire = (file) => {
      const owner = ownerOf(file)
      return owner !== undefined && (packageName === ROOT || owner === packageName || policyFor(packageName).packages[owner] === true)
    }
    cache = new Proxy(Object.create(null), {
      get: (target, file) => (isOwn(file) ? modules.get(file) : undefined),
      has: (target, file) => isOwn(file),
      ownKeys: () => [...modules.keys()].filter(isOwn),
      getOwnPropertyDescriptor: (target, file) => (isOwn(file) ? { value: modules.get(file), writable: true, enumerable: true, configurable: true } : undefined),
      deleteProperty(target, file) {
        if (mayRequire(file)) modules.delete(file)
        return true
      },
      // Node's loader never reads what a package puts here: nothing to store.
      set: () => true,
      defineProperty: () => true,
    })
    requireCaches.set(packageName, cache)
    return cache
  }

  function newModuleObject(compartment) {
    // Objects of a package in its own realm (env "unfrozen") must come from that realm.
    return compartment.makeModuleObject ? compartment.makeModuleObject() : { exports: {} }
  }

  /**
   * Runs `file` (once) and returns its exports.
   * @param {string} file real absolute path
   * @param {string} packageName the package the file belongs to, whose compartment and policy apply
   * @param {object} [hooked] the graph started by `Module.runMain()` whose module requires
   *   `file`, a file of the project (runMainOf)
   */
  function instantiate(file, packageName, hooked) {
    const cached = modules.get(file)
    if (cached !== undefined) return cached.exports
    const policy = policyFor(packageName)
    stats.start(file)
    try {
      if (file.endsWith('.node')) {
        // Security: a native addon runs outside any sandbox; only packages granted `native`.
        if (packageName !== ROOT && policy.native !== true) {
          throw errors.nativeNotAllowed({ packageName: packageName, file, overrideFile })
        }
        const module = { exports: {} }
        modules.set(file, module)
        return evaluateOrForget(file, () => {
          module.exports = hostRequire(file)
          return module.exports
        })
      }
      const compartment = compartmentFor(packageName)
      if (file.endsWith('.json')) {
        const module = newModuleObject(compartment)
        module.exports = loadJsonModule(file, compartment.globalThis.JSON)
        modules.set(file, module)
        return module.exports
      }
      const hook = hooked === undefined ? undefined : hookFor(hooked.extensions, file)
      if (hook !== undefined) return compileThroughHook(file, compartment, policy, hooked, hook)
      // Compiled here, not in a helper: a SyntaxError's stack keeps Error.stackTraceLimit
      // frames, and the requiring module's must be among them (cli/error-report.js).
      let moduleFunction
      try {
        const boundNames = boundNamesOf(compartment)
        moduleFunction = compileRewritingWith(evaluatorOf(compartment), loadModuleFunctionSource(file, boundNames))(...boundGlobalValues(compartment.globalThis, boundNames))
      } catch (err) {
        throw moduleFailure(err, file, packageName, compartment)
      }
      const module = newModuleObject(compartment)
      modules.set(file, module)
      if (entry !== undefined && entry.module === undefined && file === entry.file && packageName === entry.packageName) entry.module = module
      const context = { file, dir: path.dirname(file), packageName, policy, module, hooked }
      const require = giveModuleMembers(context)
      return evaluateOrForget(file, () => {
        runModule(moduleFunction, context, require)
        return module.exports
      })
    } finally {
      stats.end(file)
    }
  }

  const evaluatorOf = (compartment) => (source) => compartment.evaluate(source)

  /**
   * The module function of `code` given as the text of `file` (what a require.extensions hook
   * compiled, a worker's eval code), compiled in `compartment`; a failure is noted for the report.
   */
  function compileCode(compartment, file, code, packageName) {
    try {
      const boundNames = boundNamesOf(compartment)
      return compileRewritingWith(evaluatorOf(compartment), moduleFunctionSource(file, `${code}`, boundNames))(...boundGlobalValues(compartment.globalThis, boundNames))
    } catch (err) {
      throw moduleFailure(err, file, packageName, compartment)
    }
  }

  /** A module that failed to compile: the error explained, and noted for the report. */
  function moduleFailure(err, file, packageName, compartment) {
    const explained = explainSloppyOnly(err, packageName, `its module ${file}`, compartment.globalThis.SyntaxError)
    noteModuleFailure(explained, file, packageName)
    return explained
  }

  /** Runs a module function as the module of `context`. */
  function runModule(moduleFunction, context, require) {
    const { file, dir, module } = context
    const dynamicImport = esm.dynamicImport(context)
    noteModuleImport(compartmentFor(context.packageName), file, dynamicImport)
    Reflect.apply(moduleFunction, module.exports, [module.exports, require, module, file, dir, dynamicImport])
    module.loaded = true
  }

  /**
   * Gives the module object the members of Node's that name the file, and `require` (what
   * source-map-support requires through); returns that require. No `children`: they would
   * hand out other packages' module objects.
   */
  function giveModuleMembers(context) {
    const require = makeRequire(context)
    Object.assign(context.module, { id: context.file, filename: context.file, path: context.dir, loaded: false, children: [], require })
    return require
  }

  /**
   * Loads the project's `file` through `hook`, the handler the package that started `hooked`
   * put in its `require.extensions`, as Node's loader calls it: with the module object and the
   * file name. `module._compile(code, file)`, once and while the hook runs, evaluates `code`
   * as that module, as instantiate would evaluate the file's own text (runMainOf says why).
   */
  function compileThroughHook(file, compartment, policy, hooked, hook) {
    const module = newModuleObject(compartment)
    modules.set(file, module)
    if (file === hooked.mainFile && hooked.mainModule === undefined) hooked.mainModule = module
    const context = { file, dir: path.dirname(file), packageName: ROOT, policy, module, hooked }
    const require = giveModuleMembers(context)
    module.paths = hostModule._nodeModulePaths(context.dir)
    let compiled = false
    module._compile = function _compile(code, filename) {
      if (hookedModules.get(module) !== file || compiled) {
        throw new Error(`LavaMoat: module._compile() compiles ${file} once, while the require.extensions hook loading it runs`)
      }
      if (`${filename}` !== file) throw new Error(`LavaMoat: module._compile() compiles ${file}, not ${filename}`)
      compiled = true
      runModule(compileCode(compartment, file, code, ROOT), context, require)
    }
    return evaluateOrForget(file, () => {
      hookedModules.set(module, file)
      try {
        Reflect.apply(hook, hooked.extensions, [module, file])
      } finally {
        hookedModules.delete(module)
      }
      module.loaded = true
      return module.exports
    })
  }

  // A module whose initialisation threw is forgotten, as in Node, so a later require retries.
  function evaluateOrForget(key, evaluate) {
    try {
      return evaluate()
    } catch (err) {
      modules.delete(key)
      throw err
    }
  }

  /** The names an ES module may import from a CommonJS file, re-exports followed. */
  function commonjsNames(file, seen = new Set()) {
    if (seen.has(file) || moduleFormat(file) !== 'commonjs') return []
    seen.add(file)
    const { names, reexports } = commonjsExportsOf(file)
    const found = [...names]
    for (const request of reexports) {
      try {
        const target = resolution.resolve(path.dirname(file), request, resolution.packageNameFor(file))
        if (path.isAbsolute(target)) found.push(...commonjsNames(target, seen))
      } catch {
        // The module's own require reports a request that does not resolve.
      }
    }
    return found
  }

  const esm = createEsmLinker({
    authorize,
    builtinFor,
    loadCommonJs: instantiate,
    compartmentFor,
    policyFor,
    exportsView: viewFor,
    moduleFormat,
    loadRecord: loadEsmRecord,
    commonjsNames,
    noteFailure: noteModuleFailure,
    refuseBuiltinMember(packageName, id, name) {
      const real = loadBuiltin(id)
      if (unloadable.has(real)) return unloadable.get(real)
      if (packageName === ROOT || !(name in real)) return undefined
      return errors.builtinNotAllowed({ parent: packageName, id: `${id}.${name}`, request: id, overrideFile })
    },
    root: ROOT,
  })

  return {
    /** A learning run grew these packages' policies: their builtins are attenuated anew. */
    forgetPolicies(names) {
      for (const name of names) {
        for (const key of attenuatedBuiltins.keys()) if (key.startsWith(`${name}\0`)) attenuatedBuiltins.delete(key)
      }
    },
    /**
     * A builtin as `require(id)` in a module of `packageName` answers it (for
     * `process.getBuiltinModule`): policy-checked, attenuated.
     */
    requireBuiltin(packageName, id) {
      const policy = policyFor(packageName)
      if (packageName !== ROOT && !isBuiltinAllowed(policy.builtin, id)) {
        throw errors.builtinNotAllowed({ parent: packageName, id, request: id, overrideFile })
      }
      return builtinFor({ packageName, policy }, id)
    },
    /**
     * Runs the entry module as the package that owns it and returns its exports (a promise
     * of its namespace for an ES module).
     */
    requireEntry(entryFile) {
      const owner = resolution.packageNameFor(entryFile)
      if (moduleFormat(entryFile) === 'esm') return esm.importEntry(entryFile, owner)
      entry = { file: entryFile, packageName: owner, module: undefined }
      return instantiate(entryFile, owner)
    },
    /**
     * Code of no file (a worker's `eval` code), run as a CommonJS module of `packageName`, in
     * its compartment and with its require, under the name `file` (requests relative to its
     * directory, as Node resolves them from the working directory).
     */
    runCode(code, packageName, file) {
      const compartment = compartmentFor(packageName)
      const moduleFunction = compileCode(compartment, file, code, packageName)
      const module = newModuleObject(compartment)
      const context = { file, dir: path.dirname(file), packageName, policy: policyFor(packageName), module, hooked: undefined }
      runModule(moduleFunction, context, giveModuleMembers(context))
      return module.exports
    },
  }
}

module.exports = { createModuleLoader, ROOT }
