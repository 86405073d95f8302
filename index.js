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
  learn: true, // with a bin and --autopolicy: run the bin once to learn what it loads (learning-run.js)
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
  // A bin's policy files default to a folder of its own: a tool's policy and the app's must
  // never overwrite each other.
  const policyFile = (key) => (merged.bin !== undefined && merged[key] === defaults[key] ? binPolicyPath(merged.bin, defaults[key]) : merged[key])
  return {
    ...merged,
    projectRoot,
    entryPath: hasEntry ? fromRoot(merged.entryPath) : require('./lib/cli/bin').resolveBin(merged.bin, projectRoot),
    policyPath: fromRoot(policyFile('policyPath')),
    policyOverridePath: fromRoot(policyFile('policyOverridePath')),
    policyDebugPath: fromRoot(policyFile('policyDebugPath')),
  }
}

/** `lavamoat/node/policy.json` of bin `eslint` is `lavamoat/node/bin/eslint/policy.json`. */
function binPolicyPath(bin, appDefault) {
  return path.join(path.dirname(appDefault), 'bin', bin, path.basename(appDefault))
}

function withoutUndefined(options = {}) {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))
}

/**
 * Writes the policy (`writeAutoPolicy`, `writeAutoPolicyDebug`), runs the app, or both
 * (`writeAutoPolicyAndRun`). Resolves to the entry module's exports when the app runs. With a
 * `bin`, writing the policy runs the bin once to learn what it loads, unless `learn` is false;
 * the learned policy is written when the process exits.
 */
async function runLava(options) {
  const opts = normalizeOptions(options)
  const writesPolicy = opts.writeAutoPolicy || opts.writeAutoPolicyDebug || opts.writeAutoPolicyAndRun
  const runsApp = (!opts.writeAutoPolicy && !opts.writeAutoPolicyDebug) || opts.writeAutoPolicyAndRun
  if (writesPolicy) {
    const autopolicy = require('./lib/policy/autopolicy')
    const written = autopolicy.writeAutoPolicy(opts)
    // A tool loads its config, the project's files and plugins by names analysis cannot see.
    if (opts.bin !== undefined && opts.learn) return autopolicy.learnFromRun(opts, written)
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
