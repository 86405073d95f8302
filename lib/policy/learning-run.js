'use strict'
// The learning run of `lavamoat --bin <tool> --autopolicy`: the tool runs once, under the
// policy static analysis wrote, and what it loads by a name no static request spells (its
// config file, the project's tests, the plugins a config names, a package it finds by a
// computed name) is learned instead of refused, then analysed like the entry.
//
// Security: only package edges are ever learned, and only edges the project's dependency
// graph already declares. A builtin, a global or `native` comes from static analysis of the
// code alone: the learning run never grants one, so a package that hides `child_process`
// behind a computed name is refused here as in any run. The code it loads runs confined
// while it learns, under the policy its own analysis gives it. One more source of static
// analysis: the code a module system (jest-runtime) compiles with vm, whose builtins it
// requires and whose globals its context's maker provides (`watchVm`; SECURITY.md "The
// learning run" says what bounds it).

const fs = require('node:fs')
const path = require('node:path')
const { isBuiltin } = require('node:module')

const ROOT = '$root$'
/** The fields of a package.json that declare what a package may load. */
const DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies']
/** The project also declares the tools, plugins and presets it runs with. */
const PROJECT_FIELDS = [...DEPENDENCY_FIELDS, 'devDependencies']

function readManifest(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
  } catch {
    return undefined
  }
}

function declaredNames(manifest, fields) {
  const names = new Set()
  for (const field of fields) {
    const table = manifest?.[field]
    if (table && typeof table === 'object') for (const name of Object.keys(table)) names.add(name)
  }
  return names
}

// The functions of `vm` that compile code in the host realm (vm-realms.js), with the
// position of their options (or filename) argument; the code is the first. A package granted
// one holds the host's powers already (SECURITY.md, "vm contexts"). The context functions
// are not watched: code they run is in a realm of the package's own, with no capability.
const HOST_COMPILERS = [
  ['Script', 1],
  ['compileFunction', 2],
  ['runInThisContext', 1],
]

/** The `filename` a compile function's options name (Script's may be the filename itself). */
const filenameOf = (options) => (typeof options === 'string' ? options : typeof options === 'object' && options !== null ? options.filename : undefined)

/** The context `compileFunction` compiles in (`parsingContext`), if its options name one. */
const parsingContextOf = (options) => (typeof options === 'object' && options !== null ? options.parsingContext : undefined)

/** The builtin module or global a policy key names (`node:path` for `node:path.join`). */
const topOf = (key) => key.split('.')[0]

/** Union of `incoming` into `resources` (a grant already there is kept, "write" wins over a read). */
function mergeResources(resources, incoming) {
  const changed = []
  for (const [name, policy] of Object.entries(incoming || {})) {
    const target = resources[name] || (resources[name] = {})
    let grew = false
    for (const section of ['globals', 'builtin', 'packages']) {
      for (const [key, value] of Object.entries(policy[section] || {})) {
        const into = target[section] || (target[section] = {})
        const before = into[key]
        if (before === undefined || (value === 'write' && before === true)) {
          into[key] = value
          grew = true
        }
      }
    }
    for (const field of ['native', 'env']) {
      if (policy[field] !== undefined && target[field] === undefined) {
        target[field] = policy[field]
        grew = true
      }
    }
    if (grew) changed.push(name)
  }
  return changed
}

/**
 * @param {object} params
 * @param {object} params.native the Rust core
 * @param {string} params.entryFile the tool's bin file (real path)
 * @param {string} params.entryPath the same as given: inside the root even for a linked package
 * @param {string} params.projectRoot
 * @param {string} params.policyOverridePath
 * @param {{ packageNameForPath(file: string): string, packageDir(name: string): string | null }} params.packageIndex
 * @param {object} params.resources the live policy's resources, extended in place
 * @param {(names: string[]) => void} params.onPoliciesChanged packages whose policy grew
 * @param {() => { package: string, name: string }[]} params.shareCreatedGlobals shares the
 *   globals packages created since the last call (kernel.js) and says which
 * @param {Iterable<string>} params.analysedFiles the files the static analysis read
 */
function createLearner({ native, entryFile, entryPath, projectRoot, policyOverridePath, packageIndex, resources, onPoliciesChanged, shareCreatedGlobals, analysedFiles }) {
  const tool = packageIndex.packageNameForPath(entryFile)
  const projectDependencies = declaredNames(readManifest(projectRoot), PROJECT_FIELDS)
  const manifests = new Map()
  const manifestOf = (packageName) => {
    if (!manifests.has(packageName)) {
      const dir = packageIndex.packageDir(packageName)
      manifests.set(packageName, dir ? readManifest(dir) : undefined)
    }
    return manifests.get(packageName)
  }
  /** Files analysed as entries, in the order the run reached them. */
  const entries = []
  /** What the analysis from each entry found, for an entry gone when the run ends. */
  const foundFrom = new Map()
  /** Every file some analysis has read. */
  const analysed = new Set(analysedFiles)
  /** Edges granted, each with the request and the module that made it. */
  const edges = []
  const edgeKeys = new Set()
  /** Builtins and globals granted for code compiled with vm, each with the file the code came from. */
  const compiledUses = []
  const compiledUseKeys = new Set()
  /** file -> its text on disk, what that names, the source last compiled from it and what that uses */
  const compiledFiles = new Map()
  /** context (from vm.createContext) -> the package that made it: it gives the context its globals */
  const contextCreators = new WeakMap()
  /** Packages granted globals for a context they had made: its code may have gone without them this run. */
  const lateGlobals = new Set()
  /** Globals packages created, shared with the project's files. */
  const createdGlobals = []
  const noteCreatedGlobals = () => createdGlobals.push(...shareCreatedGlobals())
  /** What the run was refused anyway, for the summary: first lines of the errors. */
  const refusals = new Set()
  /** The override that would allow those refusals: resources, as policy-override.json has them. */
  const refusedGrants = {}

  // The bin's package and what it depends on, named through it.
  const isToolPackage = (name) => name === tool || name.startsWith(`${tool}>`)
  // A package the project declares itself (a plugin or preset it chose).
  const isProjectDependency = (name) => !name.includes('>') && projectDependencies.has(manifestOf(name)?.name)
  const belongsToTool = (name) => isToolPackage(name) || isProjectDependency(name)
  const declares = (dependent, dependency) => declaredNames(manifestOf(dependent), DEPENDENCY_FIELDS).has(manifestOf(dependency)?.name)

  /**
   * Whether `target` is in the tool's dependency graph: named through the bin's package, or
   * granted to (or learned by) a package of that graph that declares it. A package is named
   * through the first path that reaches it, which may be the project's: with @babel/preset-env
   * in the project, the syntax plugins jest's babel-preset-current-node-syntax depends on are
   * named under it, and @babel/core, which loads the plugins a preset names, would be refused
   * them.
   */
  function inToolGraph(target) {
    if (isToolPackage(target)) return true
    const uses = new Map()
    const use = (dependent, dependency) => (uses.get(dependent) || uses.set(dependent, new Set()).get(dependent)).add(dependency)
    for (const [dependent, policy] of Object.entries(resources)) {
      for (const [dependency, granted] of Object.entries(policy.packages || {})) if (granted === true) use(dependent, dependency)
    }
    for (const edge of edges) use(edge.package, edge.target)
    const reached = new Set([...uses.keys()].filter(isToolPackage))
    for (const dependent of reached) {
      if (reached.has(target)) return true
      for (const dependency of uses.get(dependent) || []) if (declares(dependent, dependency)) reached.add(dependency)
    }
    return false
  }

  // What the dependency graph declares: a package may load what it depends on; a package of
  // the tool, the project's files and direct dependencies and the tool's other packages (a
  // tool's packages find each other: jest's import-local loads jest-cli).
  function mayLearn(requester, target) {
    if (requester === ROOT) return false
    if (target === ROOT) return belongsToTool(requester)
    const targetName = manifestOf(target)?.name
    if (typeof targetName !== 'string') return false
    if (declaredNames(manifestOf(requester), DEPENDENCY_FIELDS).has(targetName)) return true
    return belongsToTool(requester) && (isProjectDependency(target) || inToolGraph(target))
  }

  /** Analyses `file` as one more entry and grows the live policy with what it needs. */
  function analyse(file) {
    if (analysed.has(file)) return
    analysed.add(file)
    if (path.relative(projectRoot, file).startsWith('..')) {
      // A package linked from outside the project (`file:`, workspaces): named from the root only.
      refusals.add(`${file} is outside the project root: not analysed; its package's policy is what analysis found from the entry`)
      return
    }
    try {
      const { policy, files } = native.generatePolicy({ entryPath: file, projectRoot, policyOverridePath })
      // Only an entry the analysis can read goes into the final generation.
      entries.push(file)
      foundFrom.set(file, policy.resources)
      for (const reached of files) analysed.add(reached)
      const changed = mergeResources(resources, policy.resources)
      if (changed.length) onPoliciesChanged(changed)
    } catch (err) {
      refusals.add(`${path.relative(projectRoot, file)} could not be analysed: ${String(err.message).split('\n')[0]}`)
    }
  }

  /**
   * The builtins and the host's globals static analysis finds in `source` (the text of `file`
   * or code compiled from it), as policy keys, by section.
   */
  function usesOf(source, file) {
    const { requests, globals } = native.sourceUses(source, file)
    return {
      builtin: requests.filter((key) => isBuiltin(topOf(key))),
      globals: globals.filter((key) => Object.hasOwn(globalThis, topOf(key))),
    }
  }
  const namedBy = (uses) => ({ builtin: new Set(uses.builtin.map(topOf)), globals: new Set(uses.globals.map(topOf)) })

  /**
   * The real path and text of the file `filename` names when it is a file of the project
   * (inside the root), else undefined: code compiled under any other name gives nothing.
   */
  function projectFile(filename) {
    if (typeof filename !== 'string' || !path.isAbsolute(filename)) return undefined
    try {
      const file = fs.realpathSync(filename)
      return path.relative(projectRoot, file).startsWith('..') ? undefined : { file, text: fs.readFileSync(file, 'utf8') }
    } catch {
      return undefined
    }
  }

  /**
   * `packageName` compiles `source` with vm under `filename`, in `context` when it names one:
   * grants the builtins static analysis finds in that source to `packageName`, which requires
   * them on the code's behalf, and the host globals it reads to the package that made
   * `context`, which gives the code its globals (jest-environment-node copies its own). Only
   * what the file on disk names too. Both, because what runs is the source (jest runs the
   * tests as babel-jest transformed them), and a name a package builds at run time is what an
   * attacker would hide: the file on disk is code a person can read, as any file the analysis
   * reads.
   */
  function noteCompiled(packageName, source, filename, context) {
    if (packageName === ROOT || typeof source !== 'string') return
    const found = projectFile(filename)
    if (found === undefined) return
    const { file, text } = found
    let known = compiledFiles.get(file)
    if (known === undefined || known.text !== text) {
      const uses = usesOf(text, file)
      known = { text, named: namedBy(uses), source: text, uses }
      compiledFiles.set(file, known)
    }
    if (source !== known.source) Object.assign(known, { source, uses: usesOf(source, file) })
    const creator = context === undefined ? undefined : contextCreators.get(context)
    const grants = [[packageName, 'builtin']]
    if (creator !== undefined && creator !== ROOT) grants.push([creator, 'globals'])
    const changed = new Set()
    for (const [grantee, section] of grants) {
      const granted = {}
      for (const key of known.uses[section]) {
        if (!known.named[section].has(topOf(key))) continue
        granted[key] = true
        const useKey = `${grantee}\0${section}\0${key}`
        if (compiledUseKeys.has(useKey)) continue
        compiledUseKeys.add(useKey)
        compiledUses.push({ package: grantee, section, key, file: path.relative(projectRoot, file) })
      }
      const grew = mergeResources(resources, { [grantee]: { [section]: granted } })
      for (const name of grew) changed.add(name)
      if (section === 'globals' && grew.length) lateGlobals.add(grantee)
    }
    if (changed.size) onPoliciesChanged([...changed])
  }

  /**
   * Replaces function `name` of `view`, where it has one, with one that calls `before(args)`,
   * then it, and returns what `after` makes of its result.
   */
  function watch(view, name, before, after = (result) => result) {
    const held = Reflect.get(view, name)
    if (typeof held !== 'function') return
    const watched = new Proxy(held, {
      apply(target, thisArg, args) {
        before(args)
        return after(Reflect.apply(target, thisArg, args))
      },
      construct(target, args, newTarget) {
        before(args)
        return Reflect.construct(target, args, newTarget)
      },
    })
    Reflect.defineProperty(view, name, { value: watched, writable: true, enumerable: true, configurable: true })
  }

  return {
    /**
     * In `view`, the view of `vm` package `packageName` holds, the functions that compile
     * code in the host realm first tell `noteCompiled` what they compile: a module system
     * (jest-runtime) compiles the code it runs with them, and requires builtins by the names
     * that code asks for. `createContext` says which package made a context. Writes in the
     * view stay with the package (exports-views.js).
     */
    watchVm(view, packageName) {
      for (const [name, optionsAt] of HOST_COMPILERS) {
        // Before the call: runInThisContext runs the code as it compiles it.
        watch(view, name, (args) => noteCompiled(packageName, args[0], filenameOf(args[optionsAt]), parsingContextOf(args[optionsAt])))
      }
      // Security: the first package to make an object a context keeps it; `createContext` of
      // a context hands it back as it is, and must not make the caller its maker, granted
      // the globals of the code compiled in it.
      watch(view, 'createContext', () => {}, (context) => {
        if (typeof context === 'object' && context !== null && !contextCreators.has(context)) contextCreators.set(context, packageName)
        return context
      })
    },
    /**
     * Whether the module `fromFile` of `requester` (a directory, ending with a separator, for
     * a require made by createRequire) may load `file` of package `target`, which its policy
     * does not grant; records the edge when it may (the loader then says it `reached` the file).
     */
    learn(requester, target, request, fromFile) {
      if (!mayLearn(requester, target)) return false
      // A test runner defines its globals, then loads the project's specs, which use them.
      if (target === ROOT) noteCreatedGlobals()
      const key = `${requester}\0${target}\0${request}`
      if (!edgeKeys.has(key)) {
        edgeKeys.add(key)
        edges.push({ package: requester, target, request, file: path.relative(projectRoot, fromFile) })
      }
      return true
    },
    /**
     * About to load `file`: a file no analysis has read (its package loads it by a computed
     * path: a formatter, a plugin of its own) is analysed first, so it runs with what it needs.
     */
    reached(file) {
      if (!analysed.has(file) && !file.endsWith('.node')) analyse(file)
    },
    noteRefusal(err) {
      refusals.add(String(err.message).split('\n')[0])
      const grant = err.grant
      if (grant === undefined) return
      const resource = refusedGrants[grant.packageName] || (refusedGrants[grant.packageName] = {})
      if (grant.section === 'native') resource.native = true
      else for (const key of grant.keys) (resource[grant.section] || (resource[grant.section] = {}))[key] = true
    },
    /** The final policy: the analysis from every entry the run reached, plus the learned edges. */
    generate({ includeDebugInfo }) {
      noteCreatedGlobals()
      // A tool may remove a file it made and loaded (vite bundles the project's config into
      // node_modules/.vite-temp, imports it, deletes it): the final analysis cannot read it
      // again, so what the analysis from it found during the run is added as it was.
      const gone = entries.filter((file) => !fs.existsSync(file))
      const generated = native.generatePolicy({
        entryPath,
        projectRoot,
        policyOverridePath,
        includeDebugInfo,
        moreEntries: entries.filter((file) => !gone.includes(file)),
        learned: edges,
        learnedGlobals: createdGlobals,
        learnedUses: compiledUses,
      })
      if (gone.length === 0) return generated
      for (const file of gone) mergeResources(generated.policy.resources, foundFrom.get(file))
      // The union may grant a path and its ancestor (`process.platform` from one analysis,
      // `process` from another), which a policy may not: merged with an empty override, only
      // the ancestor stays, as when an override grants it.
      return { ...generated, policy: native.mergePolicy(generated.policy, { resources: {} }) }
    },
    summary() {
      const lines = []
      const byEdge = new Map()
      for (const edge of edges) {
        const key = `${edge.package} -> ${edge.target}`
        if (!byEdge.has(key)) byEdge.set(key, edge)
      }
      for (const [key, edge] of byEdge) lines.push(`  ${key} (${JSON.stringify(edge.request)}, from ${edge.file})`)
      for (const use of compiledUses) lines.push(`  ${use.package} -> ${use.section === 'builtin' ? 'builtin' : 'global'} ${use.key} (compiled from ${use.file})`)
      for (const name of lateGlobals) {
        lines.push(`  (${name} was granted those globals after it made the context that code runs in: that code may have gone without them in this run, not in the next)`)
      }
      for (const global of createdGlobals) lines.push(`  ${global.package} created the global "${global.name}" ("write")`)
      const refused = [...refusals].map((message) => `  ${message}`)
      const override = Object.keys(refusedGrants).length > 0 ? JSON.stringify({ resources: refusedGrants }, null, 2) : undefined
      return { learned: lines, refused, override }
    },
  }
}

module.exports = { createLearner }
