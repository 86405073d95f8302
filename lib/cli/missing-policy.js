'use strict'
// A run without a policy file. The app may run without one (the root package is unrestricted
// and a package that needs nothing needs no policy), so a missing file is not an error by
// itself. But the first package refused then gets a policy violation whose hint is to add
// "packages" or "builtin" entries to the override, one by one: the mistake is the missing
// policy (the user forgot --autopolicy, or mistyped --policy), and that is what is reported.

const fs = require('node:fs')

// Refusals that an empty policy causes (a global a package was not granted reads as undefined
// and raises nothing).
const VIOLATIONS = new Set(['LAVAMOAT_PACKAGE_NOT_ALLOWED', 'LAVAMOAT_BUILTIN_NOT_ALLOWED', 'LAVAMOAT_NATIVE_NOT_ALLOWED'])

/**
 * The message: which file was looked for, and the command that writes it.
 * @param {{ policyPath: string, command?: string, refused?: string }} details
 *   command: how this run is repeated with --autopolicy; refused: what was refused
 *   (`package "a" may not use "b"`)
 */
function missingPolicyMessage({ policyPath, command, refused }) {
  const why = refused ? `: without one, ${refused}` : ''
  const how = command ? `\`${command}\`` : 'lavamoat <entry> --autopolicy (runLava: writeAutoPolicy)'
  return `no policy file at ${policyPath}${why}.\nWrite it with ${how}, review it, then run again.`
}

function missingPolicyError(details) {
  return Object.assign(new Error(missingPolicyMessage(details)), { code: 'LAVAMOAT_POLICY_MISSING', ...details })
}

/**
 * Errors that ended a run without a policy file → that file's path. Under an empty policy a
 * package sees no globals it was not granted, so its first `console.log` is a TypeError
 * rather than a refusal; the CLI adds the missing policy to the report of such an error.
 * A WeakMap: the error itself may be frozen, and stays as the app threw it.
 */
const ranWithoutPolicy = new WeakMap()

/**
 * `err` itself, or when it is a refusal and there is no policy file at `policyPath`, the
 * error saying so (the refusal as its `cause`). Any other error of a run without a policy
 * file is noted for policyMissingFor.
 */
function explainMissingPolicy(err, policyPath) {
  if (fs.existsSync(policyPath)) return err
  if (!VIOLATIONS.has(err?.code)) {
    if ((typeof err === 'object' && err !== null) || typeof err === 'function') ranWithoutPolicy.set(err, policyPath)
    return err
  }
  // The violation's first line says who asked for what: `package "a" requested "b" as "b"`.
  const asked = /(package "[^"]*" requested "[^"]*")/.exec(String(err.message))
  const refused = asked ? asked[1].replace(/ requested /, ' may not use ') : undefined
  return Object.assign(missingPolicyError({ policyPath, refused }), { cause: err })
}

/** The policy file that was missing when `err` ended the run, if it was. */
const policyMissingFor = (err) => (Object(err) === err ? ranWithoutPolicy.get(err) : undefined)

module.exports = { missingPolicyError, explainMissingPolicy, policyMissingFor }
