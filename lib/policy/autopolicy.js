'use strict'
// `--autopolicy`: the Rust core walks and analyses the app; this file reports and writes.

const native = require('../native')
const { reportPolicyChanges } = require('./policy-diff')

function writeAutoPolicy(opts) {
  const previous = readPreviousPolicy(opts.policyPath)
  console.warn(`LavaMoat generating policy from entry "${opts.entryPath}"...`)
  const { policy, debug, warnings } = native.generatePolicy({
    entryPath: opts.entryPath,
    projectRoot: opts.projectRoot,
    policyOverridePath: opts.policyOverridePath,
    includeDebugInfo: Boolean(opts.writeAutoPolicyDebug),
    showProgress: Boolean(process.stderr.isTTY),
  })
  for (const warning of warnings) console.warn(warning)
  if (debug) {
    native.writePolicyFile(opts.policyDebugPath, debug, opts.policyOverridePath)
    console.warn(`LavaMoat wrote policy debug to "${opts.policyDebugPath}"`)
  }
  native.writePolicyFile(opts.policyPath, policy, opts.policyOverridePath)
  console.warn(`LavaMoat wrote policy to "${opts.policyPath}"`)
  if (previous) reportPolicyChanges(previous, policy, process.stderr)
}

/**
 * The policy about to be replaced, to summarise what the rewrite changes; `null` when there is
 * none. A broken previous policy is exactly what regeneration repairs, so it never stops it.
 */
function readPreviousPolicy(policyPath) {
  try {
    return native.readPolicyFile(policyPath)
  } catch (err) {
    console.warn(`LavaMoat previous policy unreadable, no summary: ${err.message}`)
    return null
  }
}

module.exports = { writeAutoPolicy }
