'use strict'
// Test-only entry point: runs lib/kernel.js `run()` the way the CLI's run mode does, for
// projects written by runtime-project.js. Usage: node run-kernel.js <optionsJson>
// Until the Rust `loadPolicy` binding is on this branch, a minimal stand-in reads the files.

const path = require('node:path')
const fs = require('node:fs')
const native = require('../../lib/native')

if (typeof native.loadPolicy !== 'function') {
  native.loadPolicy = (policyPath, overridePath) => {
    const read = (file) => {
      try {
        return JSON.parse(fs.readFileSync(file, 'utf8'))
      } catch (err) {
        if (err.code === 'ENOENT') return undefined
        throw new Error(`Lavamoat could not parse policy at '${file}': ${err.message}`)
      }
    }
    const policy = read(policyPath) || { resources: {} }
    const override = read(overridePath)
    if (!override) return { policy, overrideFound: false, overrideAddsResources: false, warnings: [] }
    const resources = { ...(policy.resources || {}) }
    for (const [name, resource] of Object.entries(override.resources || {})) {
      const base = resources[name] || {}
      const merged = { ...base, ...resource }
      for (const field of ['globals', 'builtin', 'packages']) merged[field] = { ...base[field], ...resource[field] }
      resources[name] = merged
    }
    return { policy: { ...policy, resources }, overrideFound: true, overrideAddsResources: false, warnings: [] }
  }
}

const options = JSON.parse(process.argv[2])
const projectRoot = options.projectRoot
const { run } = require('../../lib/kernel')
run({
  entryPath: path.resolve(projectRoot, options.entry || 'index.js'),
  projectRoot,
  policyPath: path.resolve(projectRoot, 'lavamoat/node/policy.json'),
  policyOverridePath: path.resolve(projectRoot, 'lavamoat/node/policy-override.json'),
  debugMode: Boolean(options.debugMode),
  statsMode: Boolean(options.statsMode),
  scuttleGlobalThis: options.scuttleGlobalThis || {},
  scuttleGlobalThisExceptions: options.scuttleGlobalThisExceptions || [],
}).catch((err) => {
  console.error(err.stack || err)
  process.exit(1)
})
