'use strict'
// Public API: `runLava(options)`, the same options and defaults as the `lavamoat` CLI, and the
// policy comparison behind `lavamoat --diffPolicies`.

const path = require('node:path')

const defaults = Object.freeze({
  entryPath: undefined,
  bin: undefined, // instead of entryPath: the name of an installed package's bin
  projectRoot: undefined, // process.cwd() at call time
  policyPath: 'lavamoat/node/policy.json',
  policyOverridePath: 'lavamoat/node/policy-override.json',
  policyDebugPath: 'lavamoat/node/policy-debug.json',
  writeAutoPolicy: false,
  writeAutoPolicyDebug: false,
  writeAutoPolicyAndRun: false,
  debugMode: false,
  statsMode: false,
  scuttleGlobalThis: {},
  scuttleGlobalThisExceptions: [],
})

/** Every path absolute: the entry and the policy files are relative to projectRoot. */
function normalizeOptions(options) {
  const merged = { ...defaults, ...withoutUndefined(options) }
  const hasEntry = typeof merged.entryPath === 'string' && merged.entryPath !== ''
  if (hasEntry === (merged.bin !== undefined)) {
    throw Object.assign(new TypeError('lavamoat: runLava needs either an entryPath (the app\'s entry file) or a bin'), {
      code: 'LAVAMOAT_OPTIONS',
    })
  }
  const projectRoot = path.resolve(merged.projectRoot ?? process.cwd())
  const fromRoot = (file) => path.resolve(projectRoot, file)
  return {
    ...merged,
    projectRoot,
    entryPath: hasEntry ? fromRoot(merged.entryPath) : require('./lib/cli/bin').resolveBin(merged.bin, projectRoot),
    policyPath: fromRoot(merged.policyPath),
    policyOverridePath: fromRoot(merged.policyOverridePath),
    policyDebugPath: fromRoot(merged.policyDebugPath),
  }
}

function withoutUndefined(options = {}) {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))
}

/**
 * Writes the policy (`writeAutoPolicy`, `writeAutoPolicyDebug`), runs the app, or both
 * (`writeAutoPolicyAndRun`). Resolves to the entry module's exports when the app runs.
 */
async function runLava(options) {
  const opts = normalizeOptions(options)
  const writesPolicy = opts.writeAutoPolicy || opts.writeAutoPolicyDebug || opts.writeAutoPolicyAndRun
  const runsApp = (!opts.writeAutoPolicy && !opts.writeAutoPolicyDebug) || opts.writeAutoPolicyAndRun
  if (writesPolicy) {
    require('./lib/policy/autopolicy').writeAutoPolicy(opts)
  }
  if (runsApp) {
    return require('./lib/compartments/kernel').run(opts)
  }
  return undefined
}

/** What `newPolicy` grants or takes away compared with `oldPolicy` (`null`: no policy). */
function comparePolicies(oldPolicy, newPolicy) {
  return require('./lib/policy/policy-diff').comparePolicies(oldPolicy, newPolicy)
}

/** The same for two policy files; a missing file is the empty policy. */
function comparePolicyFiles(oldPath, newPath) {
  return require('./lib/policy/policy-diff').comparePolicyFiles(path.resolve(oldPath), path.resolve(newPath))
}

module.exports = { runLava, defaults, comparePolicies, comparePolicyFiles }
