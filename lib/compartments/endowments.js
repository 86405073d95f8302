'use strict'
// Globals of a package: which names its compartment global exposes, from `globals` policy.

const { buildMinimalView } = require('./minimal-view')
const { ownConsoleOf } = require('../errors/host-console')
const { regExpStaticOf, regExpWithStatics } = require('../realm/regexp-statics')
const { isAddedReflectMember } = require('../realm/shared-reflect')

// Names never taken from `globals` policy: the package always has its own compartment
// `Function` and its own `global`/`globalThis` (policy spec §3, runtime spec §5).
const IGNORED_TOP_LEVEL = new Set(['Function', 'global', 'globalThis'])

/**
 * Reads a package's `globals` policy.
 * @returns {{ granted: string[], banned: string[], readable: string[], writable: string[], regExpStatics: string[] }}
 *   `readable`/`writable`: top-level names to expose on the package global;
 *   `regExpStatics`: the legacy statics of RegExp granted (regexp-statics.js).
 */
function parseGlobalsPolicy(globalsPolicy) {
  const granted = []
  const regExpStatics = []
  const banned = []
  const writable = new Set()
  for (const [path, value] of Object.entries(globalsPolicy || {})) {
    const parts = path.split('.')
    if (parts.includes('__proto__')) {
      throw new Error(`Lavamoat - "__proto__" disallowed when creating minimal view. saw "${path}"`)
    }
    if (value === false) {
      banned.push(path)
      continue
    }
    if (value !== true && value !== 'write') {
      throw new Error(`LavaMoat - unrecognizable policy value (${typeof value}) for path "${path}"`)
    }
    if (IGNORED_TOP_LEVEL.has(parts[0])) continue
    // The shared Reflect is its own grant (shared-reflect.js): neither a copied value nor a
    // "write" global.
    if ((parts.length === 1 && parts[0] === 'Reflect') || isAddedReflectMember(path)) continue
    const regExpStatic = regExpStaticOf(path)
    if (regExpStatic !== undefined) {
      regExpStatics.push(regExpStatic)
      continue
    }
    granted.push(path)
    // "write" only means something for a top-level name; deeper it is read access, which
    // is the most a policy author can have meant (the reference grants nothing there).
    if (value === 'write' && parts.length === 1) writable.add(path)
  }
  const readable = Array.from(new Set(granted.map((path) => path.split('.')[0]))).filter((name) => !writable.has(name))
  return { granted, banned, readable, writable: Array.from(writable), regExpStatics }
}

/**
 * Defines the granted globals on `packageGlobal`.
 * @param {object} params
 * @param {object} params.packageGlobal the package compartment's global
 * @param {object} params.globalsPolicy the package's `globals` policy
 * @param {object} params.sourceGlobal where granted values are copied from (root compartment global)
 * @param {object} params.hostGlobal the real global: receiver for host functions
 * @param {Map<string, unknown>} params.globalStore values written through `"write"` globals,
 *   shared by all non-root packages
 * @param {(key: string) => void} params.warnIgnoredWrite says that a write of read-only global `key` was ignored
 * @param {(key: string) => boolean} params.isSharedWritable whether some package may write
 *   global `key` (`"write"` in any policy)
 * @param {object} [params.processView] what the package's granted `process` paths start from
 *   instead of the real process (process-view.js)
 * @param {{ forPackage(globalsPolicy: object): object | undefined }} [params.reflectShare]
 *   the run's shared Reflect (shared-reflect.js)
 * @returns {string[]} the granted names no package may write: modules may read them once,
 *   when instantiated (the values are copies taken now, or Node's lazy getters, which answer
 *   the same every time)
 */
function endowPackageGlobal({ packageGlobal, globalsPolicy, sourceGlobal, hostGlobal, globalStore, warnIgnoredWrite, isSharedWritable, processView, reflectShare }) {
  const { granted, banned, readable, writable, regExpStatics } = parseGlobalsPolicy(globalsPolicy)
  const source = processView === undefined
    ? sourceGlobal
    : Object.create(sourceGlobal, { process: { value: processView, writable: true, enumerable: false, configurable: true } })
  const endowments = buildMinimalView(source, granted, banned, {
    topStandIn: packageGlobal,
    topReceiver: hostGlobal,
  })
  const consoleDesc = Reflect.getOwnPropertyDescriptor(endowments, 'console')
  if (consoleDesc !== undefined && 'value' in consoleDesc) {
    Reflect.defineProperty(endowments, 'console', { ...consoleDesc, value: ownConsoleOf(consoleDesc.value) })
  }
  const current = (key) =>
    globalStore.has(key) ? globalStore.get(key) : Reflect.get(endowments, key, packageGlobal)

  for (const key of readable) {
    Reflect.defineProperty(packageGlobal, key, {
      get: () => current(key),
      set(value) {
        // An object that inherits from the global (dart2js's `self = Object.create(globalThis)`,
        // then `self.process = process`) gets its own property, as it would from a writable
        // global: only that object changes, one the package could define the property on anyway.
        if (this !== packageGlobal && ((typeof this === 'object' && this !== null) || typeof this === 'function')) {
          if (Reflect.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true })) return
        }
        warnIgnoredWrite(key)
      },
      enumerable: false,
      configurable: true,
    })
  }
  const sharedReflect = reflectShare?.forPackage(globalsPolicy || {})
  if (sharedReflect !== undefined) {
    Reflect.defineProperty(packageGlobal, 'Reflect', { value: sharedReflect, writable: true, enumerable: false, configurable: true })
  }
  if (regExpStatics.length > 0) {
    Reflect.defineProperty(packageGlobal, 'RegExp', { value: regExpWithStatics(packageGlobal.RegExp, regExpStatics), writable: true, enumerable: false, configurable: true })
  }
  const fixed = readable.filter((key) => Reflect.getOwnPropertyDescriptor(endowments, key) !== undefined && !isSharedWritable(key))
  for (const key of writable) {
    // Until some package writes it, a "write" global reads as the host value it shadows
    // (the reference reads `undefined` there: runtime spec §5, known defect 2).
    Reflect.defineProperty(packageGlobal, key, {
      get: () => current(key),
      set: (value) => {
        globalStore.set(key, value)
      },
      enumerable: true,
      configurable: true,
    })
  }
  return fixed
}

module.exports = { endowPackageGlobal }
