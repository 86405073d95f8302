'use strict'
// `--autopolicy`: the Rust core walks and analyses the app; this file reports and writes.

const native = require('./native')

function writeAutoPolicy(opts) {
  console.warn(`LavaMoat generating policy from entry "${opts.entryPath}"...`)
  const { policy, debug, warnings } = native.generatePolicy({
    entryPath: opts.entryPath,
    projectRoot: opts.projectRoot,
    policyOverridePath: opts.policyOverridePath,
    includeDebugInfo: Boolean(opts.writeAutoPolicyDebug),
  })
  for (const warning of warnings) console.warn(warning)
  if (debug) {
    native.writePolicyFile(opts.policyDebugPath, debug, opts.policyOverridePath)
    console.warn(`LavaMoat wrote policy debug to "${opts.policyDebugPath}"`)
  }
  native.writePolicyFile(opts.policyPath, policy, opts.policyOverridePath)
  console.warn(`LavaMoat wrote policy to "${opts.policyPath}"`)
}

module.exports = { writeAutoPolicy }
