'use strict'
// Run mode of `lavamoat <entry>`: load the policy, lock the realm down, build the root
// compartment, scuttle the host global if asked, and require the entry.

const fs = require('node:fs')
const path = require('node:path')
const { hostGlobal, hostProcess, warn } = require('./host')
const { makeProcessView, explicitRoutesIn } = require('./process-view')
const errors = require('../policy/policy-errors')
const { lockdownRealm } = require('../realm/lockdown')
const { cutNativeHandleClasses } = require('../membranes/native-handles')
const { hardenBuiltinClasses } = require('../membranes/builtin-prototypes')
const { createRootCompartment, createPackageCompartment, regrantGlobals, materializeRootGlobals } = require('./package-compartment')
const { makeReflectShare } = require('../realm/shared-reflect')
const { createModuleLoader, ROOT } = require('../modules/module-loader')
const { ResolutionCache } = require('../modules/resolution-cache')
const { makeStatsRecorder, noStats } = require('../modules/stats')
const { scuttleGlobal, normaliseScuttleOptions } = require('../realm/scuttle')
const { takeExplicitMembers } = require('../membranes/explicit-members')
const { confineWorkers } = require('./confined-workers')
const { noteMissingGrants } = require('../policy/missing-grants')

const NEW_OVERRIDE_MESSAGE =
  'lavamoat: a policy override was added since the policy was last generated: ' +
  'run --autopolicy again to bring the policy up to date.'

function loadPolicy(native, { policyPath, policyOverridePath, debugMode }) {
  if (debugMode) {
    for (const file of [policyPath, policyOverridePath]) {
      warn(`lavamoat: looking for policy at '${file}'`)
      if (!fs.existsSync(file)) warn(`lavamoat: no file at '${file}'`)
    }
  }
  const loaded = native.loadPolicy(policyPath, policyOverridePath)
  if (debugMode && loaded.overrideFound) warn('lavamoat: merging policy-override.json into policy.json')
  for (const { file, line, column, message } of loaded.warnings || []) {
    warn(`lavamoat: ${file}:${line}:${column}: ${message}`)
  }
  // With no policy file every override resource is "new": the policy was never generated.
  if (loaded.overrideAddsResources && fs.existsSync(policyPath)) warn(NEW_OVERRIDE_MESSAGE)
  return loaded.policy
}

/** Every field of a resource policy present, so lookups need no guards. */
function normaliseResourcePolicy(resource) {
  const source = resource && typeof resource === 'object' ? resource : {}
  return Object.freeze({
    globals: source.globals || {},
    packages: source.packages || {},
    builtin: source.builtin || {},
    native: source.native,
    env: source.env,
  })
}

/**
 * The globals some package's policy grants `"write"` on: their values are shared and live
 * (the global store), so no package may bind them once. Only top-level names can be written.
 */
function sharedWritableGlobals(resources) {
  const names = new Set()
  for (const resource of Object.values(resources)) {
    const globals = resource && typeof resource === 'object' ? resource.globals : undefined
    if (!globals || typeof globals !== 'object') continue
    for (const [path, value] of Object.entries(globals)) {
      // A deeper "write" (`process.env: "write"`) only reads, but keeping its top-level name
      // live costs nothing but speed.
      if (value === 'write') names.add(path.split('.')[0])
    }
  }
  return names
}

/**
 * Intrinsics SES 2 leaves on the start compartment only, that every package still gets: Math
 * and Date with working `random()`/`now()` and the float typed arrays (part of the default
 * globals of runtime spec §5), and SharedArrayBuffer and Atomics, which the reference leaves
 * out although no policy can grant them (autopolicy never records an intrinsic): esbuild's
 * `new SharedArrayBuffer(...)` failed. They give a package a fine clock, which it can build
 * from timers anyway (SECURITY.md: no timing isolation).
 */
function hostOnlyIntrinsics() {
  const intrinsics = {}
  for (const name of ['Math', 'Date', 'Float16Array', 'Float32Array', 'Float64Array', 'SharedArrayBuffer', 'Atomics']) {
    if (hostGlobal[name] !== undefined) intrinsics[name] = hostGlobal[name]
  }
  return intrinsics
}

/**
 * @param {object} params
 * @param {object} params.policy merged policy
 * @param {string} params.projectRoot
 * @param {string} params.policyOverridePath
 * @param {object} params.packageIndex native PackageIndex
 * @param {object} params.resolver native Resolver
 * @param {boolean} [params.debugMode]
 * @param {boolean} [params.statsMode]
 * @param {object} [params.scuttleOptions] normalised scuttleGlobalThis options
 * @param {readonly string[]} params.processRoutes properties of `process` a whole grant leaves out
 * @param {readonly string[]} params.explicitMembers members of builtins a grant of the module
 *   leaves out (`v8.setFlagsFromString`)
 * @param {(resources: object, shareCreatedGlobals: () => object[], onPoliciesChanged: (names: string[]) => void) => object} [params.makeLearner]
 *   in a learning run: the learner (lib/policy/learning-run.js), given the live resources
 */
function createKernel({ policy, projectRoot, policyOverridePath, packageIndex, resolver, debugMode, statsMode, scuttleOptions, processRoutes, explicitMembers, makeLearner }) {
  lockdownRealm()
  // Security: before any package runs, off the real modules (explicit-members.js).
  takeExplicitMembers(explicitMembers, require)
  cutNativeHandleClasses()
  // Node's bootstrap has loaded `events`: EventEmitter.prototype is at the end of the chain
  // of every emitter a package may be handed, whoever made it.
  hardenBuiltinClasses(require('node:events'))
  const untamed = hostOnlyIntrinsics()
  const resources = (policy && policy.resources) || {}
  const policies = new Map()
  const policyFor = (name) => {
    let resolved = policies.get(name)
    if (resolved === undefined) {
      resolved = normaliseResourcePolicy(Object.prototype.hasOwnProperty.call(resources, name) ? resources[name] : undefined)
      policies.set(name, resolved)
    }
    return resolved
  }

  const rootCompartment = createRootCompartment({ hostGlobal, untamed })
  const rootGlobal = rootCompartment.globalThis
  const reflectShare = makeReflectShare(resources)
  if (reflectShare !== undefined) rootGlobal.Reflect = reflectShare.forApp()
  const compartments = new Map([[ROOT, rootCompartment]])
  const globalStore = new Map()
  const sharedWritable = sharedWritableGlobals(resources)
  const isSharedWritable = (key) => sharedWritable.has(key)
  /** A global whose value is the store's: what one writes, all who share it read. */
  const storedGlobal = (key) => ({
    get: () => globalStore.get(key),
    set: (value) => {
      globalStore.set(key, value)
    },
    enumerable: true,
    configurable: true,
  })
  // A global some package may write that the host does not have (a test runner's `describe`)
  // is one value for the app and the packages, as on Node's one global object.
  const shareWithRoot = (key) => Reflect.defineProperty(rootGlobal, key, storedGlobal(key))
  for (const key of sharedWritable) if (!(key in hostGlobal)) shareWithRoot(key)
  const overrideFile = path.relative(projectRoot, policyOverridePath) || policyOverridePath
  // `process` for a package, from the paths its policy grants under `roots` (`process` for the
  // global, the builtin's id for `require('process')`).
  const processViewFor = (name, grantedPaths, roots) =>
    makeProcessView({
      real: hostProcess,
      explicitRoutes: explicitRoutesIn(grantedPaths, roots, processRoutes),
      governedRoutes: processRoutes,
      requireBuiltin: (id) => loader.requireBuiltin(name, id),
      refuseNative: (file) => (policyFor(name).native === true ? undefined : errors.nativeNotAllowed({ packageName: name, file, overrideFile })),
    })
  const grantedPathsOf = (section) => Object.keys(section).filter((key) => section[key] !== false)
  // What a package's compartment is made from: its policy and the run's shared state.
  const compartmentParams = (name) => {
    const policy = policyFor(name)
    const globalPaths = grantedPathsOf(policy.globals)
    const processView = globalPaths.some((key) => key.split('.')[0] === 'process') ? processViewFor(name, globalPaths, ['process']) : undefined
    // Names the package and the narrowest grant: the write of that one global.
    const warnIgnoredWrite = (key) =>
      warn(
        `lavamoat: ignoring write attempt to read-access global "${key}" by package "${name}" ` +
          `(to allow it, add "globals": {${JSON.stringify(key)}: "write"} to resources[${JSON.stringify(name)}] in ${overrideFile})`,
      )
    return { name, policy, rootGlobal, hostGlobal, untamed, globalStore, warnIgnoredWrite, isSharedWritable, processView, reflectShare }
  }
  /** In a learning run: package name -> the own keys of its global as created. */
  const keysAtCreation = makeLearner === undefined ? undefined : new Map()
  const compartmentFor = (name) => {
    let compartment = compartments.get(name)
    if (compartment === undefined) {
      compartment = createPackageCompartment(compartmentParams(name))
      compartments.set(name, compartment)
      keysAtCreation?.set(name, new Set(Reflect.ownKeys(compartment.globalThis)))
    }
    return compartment
  }

  /**
   * Learning run: the globals packages created on their own global object that the host does
   * not have (mocha's `describe`, before it loads the project's specs) become shared "write"
   * globals, seen by the project's files. Security: only names no host global has, so no
   * capability is granted, and only as values some package made.
   * @returns {{ package: string, name: string }[]} the globals shared now
   */
  function shareCreatedGlobals() {
    const shared = []
    for (const [name, keys] of keysAtCreation) {
      const packageGlobal = compartments.get(name).globalThis
      for (const key of Reflect.ownKeys(packageGlobal)) {
        if (typeof key !== 'string' || keys.has(key) || key in hostGlobal) continue
        keys.add(key)
        const desc = Reflect.getOwnPropertyDescriptor(packageGlobal, key)
        if (!('value' in desc)) continue
        globalStore.set(key, desc.value)
        Reflect.defineProperty(packageGlobal, key, storedGlobal(key))
        shareWithRoot(key)
        shared.push({ package: name, name: key })
      }
    }
    return shared
  }

  if (scuttleOptions?.enabled) {
    // The root package keeps the real host globals, so its copies are taken before scuttling.
    materializeRootGlobals(rootGlobal)
    scuttleGlobal(hostGlobal, scuttleOptions)
  }

  const loader = createModuleLoader({
    resolution: new ResolutionCache(resolver, packageIndex),
    policyFor,
    compartmentFor,
    stats: statsMode ? makeStatsRecorder() : noStats,
    overrideFile,
    // Builtins and granted native addons are loaded by Node itself.
    hostRequire: require,
    processModuleFor: (name, id) => processViewFor(name, grantedPathsOf(policyFor(name).builtin), [id]),
    learner: makeLearner?.(resources, shareCreatedGlobals, (names) => {
      for (const name of names) policies.delete(name)
      loader.forgetPolicies(names)
      for (const name of names) {
        if (name !== ROOT && compartments.has(name)) regrantGlobals(compartments.get(name), compartmentParams(name))
      }
    }),
  })

  const kernel = {
    requireEntry: loader.requireEntry,
    runCode: loader.runCode,
    /** For the report of an error that ended the run: the grants its package may lack. */
    noteFailure(err) {
      const sourceUses = (source, file) => require('../native').sourceUses(source, file)
      const packageNameFor = (file) => packageIndex.packageNameForPath(file)
      noteMissingGrants(err, { packageNameFor, policyFor, sourceUses, root: ROOT, projectRoot, overrideFile })
    },
  }
  if (debugMode) {
    // Introspection for debugging; it does not relax any check.
    kernel._getPolicyForPackage = policyFor
    kernel._getCompartmentForPackage = compartmentFor
  }
  return Object.freeze(kernel)
}

/**
 * Runs the application (run mode). Paths are absolute.
 * @param {{ entryPath: string, projectRoot: string, policyPath: string, policyOverridePath: string,
 *   debugMode?: boolean, statsMode?: boolean, scuttleGlobalThis?: object | boolean | string,
 *   scuttleGlobalThisExceptions?: Array<string>, evalCode?: { code: string, packageName: string } }} options
 *   evalCode: a worker's `eval` code, run instead of the entry as the package that started it
 * @param {{ learn?: typeof import('../policy/learning-run').createLearner, onLearner?: (learner: object) => void,
 *   analysedFiles?: string[] }} [learning]
 *   a learning run (`--bin <tool> --autopolicy`): the learner is handed to `onLearner`
 * @returns {Promise<unknown>} the entry module's `module.exports`
 */
async function run(options, learning = {}) {
  const native = require('../native')
  const { entryPath, projectRoot, policyPath, policyOverridePath, debugMode = false, statsMode = false } = options
  const { evalCode } = options
  const entryFile = evalCode === undefined ? realEntryPath(entryPath) : undefined
  const policy = loadPolicy(native, { policyPath, policyOverridePath, debugMode })
  const packageIndex = new native.PackageIndex(projectRoot)
  const resolver = new native.Resolver(projectRoot, policy.resolutions || undefined)
  const scuttleOptions = normaliseScuttleOptions(options.scuttleGlobalThis, options.scuttleGlobalThisExceptions)
  const processRoutes = native.processRoutes()
  const explicitMembers = native.explicitBuiltinMembers()
  const makeLearner = learning.learn && ((resources, shareCreatedGlobals, onPoliciesChanged) => {
    const learner = learning.learn({ native, entryFile, entryPath, projectRoot, policyOverridePath, packageIndex, resources, shareCreatedGlobals, onPoliciesChanged, analysedFiles: learning.analysedFiles })
    learning.onLearner?.(learner)
    return learner
  })
  const kernel = createKernel({ policy, projectRoot, policyOverridePath, packageIndex, resolver, debugMode, statsMode, scuttleOptions, processRoutes, explicitMembers, makeLearner })
  // Security: a worker's file would otherwise run with Node's loader, outside any policy.
  confineWorkers({ projectRoot, policyPath, policyOverridePath, debugMode, scuttleGlobalThis: options.scuttleGlobalThis, scuttleGlobalThisExceptions: options.scuttleGlobalThisExceptions })
  refuseRunMain()
  try {
    // Node names a worker's eval code `[worker eval]` and resolves its requests from the cwd.
    if (evalCode !== undefined) return kernel.runCode(evalCode.code, evalCode.packageName, path.join(hostProcess.cwd(), '[worker eval]'))
    return await kernel.requireEntry(entryFile)
  } catch (err) {
    // Without a policy file every global is ungranted: the missing file is the report's news.
    if (fs.existsSync(policyPath)) kernel.noteFailure(err)
    // A refusal caused by a missing policy file is reported as that (lib/cli/missing-policy.js).
    throw require('../cli/missing-policy').explainMissingPolicy(err, policyPath)
  }
}

/**
 * `Module.runMain()` is how loaders that hook `require.extensions` (ts-node, @babel/register)
 * start the app once their hooks are in: Node's loader then runs `process.argv[1]`. Under
 * LavaMoat that is lavamoat's own CLI, already loaded, so it ran nothing and the run exited 0
 * as if it had succeeded (ts-node's `process.argv = [...]` changes its own view only, and its
 * hooks are on Node's loader, not this one). It says so instead.
 */
function refuseRunMain() {
  const Module = require('node:module')
  Module.runMain = function runMain() {
    throw Object.assign(
      new Error(
        'LavaMoat: Module.runMain() was called, which under LavaMoat runs nothing: Node\'s own loader does not load the app here, ' +
          'and hooks a loader such as ts-node or @babel/register puts on require.extensions do not reach LavaMoat\'s. ' +
          'Compile the code first (tsc, babel) and run the output with lavamoat.',
      ),
      { code: 'LAVAMOAT_RUN_MAIN' },
    )
  }
}

// Module identity follows real paths (the resolver returns real paths). A missing entry is
// a mistake in the command line: said in one line, before anything is loaded.
function realEntryPath(entryPath) {
  try {
    return fs.realpathSync(entryPath)
  } catch (err) {
    if (err.code !== 'ENOENT' && err.code !== 'ENOTDIR') throw err
    throw Object.assign(new Error(`LavaMoat could not find the entry "${entryPath}": no such file`), {
      code: 'LAVAMOAT_ENTRY_NOT_FOUND',
    })
  }
}

module.exports = { run }
