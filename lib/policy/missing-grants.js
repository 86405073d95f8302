'use strict'
// A package reading a global its policy does not grant, or a member of a builtin it was given
// only in part, sees `undefined`, and dies with an error that says nothing about the policy:
// `Cannot read properties of undefined (reading 'env')`, `fs.readFileSync is not a function`.
// When such an error ends the run in a package's file, the globals and builtin members that
// file uses and its policy lacks are listed, with the override entry that grants them. The
// file is analysed only then, so a run that does not fail pays nothing.

const fs = require('node:fs')
const path = require('node:path')
const { isBuiltin } = require('node:module')
const { fileURLToPath } = require('node:url')

// `    at fn (/abs/file.js:1:2)`, `    at /abs/file.js:1:2`, `    at file:///abs/file.mjs:1:2`
const FRAME_LOCATION = /^\s+at (?:.*?\()?((?:file:\/\/|\/|[A-Za-z]:\\).+?):\d+:\d+\)?$/

/** The file of the stack's first frame, when that frame names one. */
function fileOfFirstFrame(stack) {
  const frame = stack.split('\n').find((line) => /^\s+at /.test(line))
  const match = frame === undefined ? null : FRAME_LOCATION.exec(frame)
  if (match === null) return undefined
  return match[1].startsWith('file://') ? fileURLToPath(match[1]) : match[1]
}

/**
 * Whether `key` (`process.env`, `fs.readFileSync`) is granted by a policy section: itself,
 * through an ancestor (`process`), or in part (`process.env.HOME`, where the package sees
 * `process.env` with that one member).
 */
function isGranted(key, section) {
  return Object.entries(section).some(
    ([granted, value]) => value !== false && (granted === key || key.startsWith(`${granted}.`) || granted.startsWith(`${key}.`)),
  )
}

/** errors that ended a run -> their hint; a WeakMap: the error may be frozen, and stays as thrown */
const hints = new WeakMap()

/**
 * Notes the hint for an error that ended the run, when it is a TypeError or ReferenceError
 * raised in a package's file whose code uses globals or builtin members its policy lacks.
 * @param {unknown} err
 * @param {{ packageNameFor: (file: string) => string, policyFor: (name: string) => { builtin: object, globals: object },
 *   sourceUses: (source: string, file: string) => { requests: string[], globals: string[] }, root: string,
 *   projectRoot: string, overrideFile: string }} context
 */
function noteMissingGrants(err, context) {
  const hint = missingGrantsHint(err, context)
  if (hint !== '') hints.set(err, hint)
}

function missingGrantsHint(err, { packageNameFor, policyFor, sourceUses, root, projectRoot, overrideFile }) {
  if (!(err?.name === 'TypeError' || err?.name === 'ReferenceError') || typeof err.stack !== 'string') return ''
  const file = fileOfFirstFrame(err.stack)
  if (file === undefined) return ''
  let packageName
  let uses
  try {
    packageName = packageNameFor(file)
    if (packageName === root) return ''
    uses = sourceUses(fs.readFileSync(file, 'utf8'), file)
  } catch {
    // Not a file of the project, or not one the analysis can read: nothing to say.
    return ''
  }
  const policy = policyFor(packageName)
  const topOf = (key) => key.split('.')[0]
  // Builtin members only where the package has part of the module: a module not granted at
  // all is refused at its require, with its own hint. Globals only of the host's: a name the
  // package defines itself is not the policy's business.
  const builtin = [...new Set(uses.requests)].filter(
    (key) => key.includes('.') && isBuiltin(topOf(key)) && isGranted(topOf(key), policy.builtin) && !isGranted(key, policy.builtin),
  )
  const globals = [...new Set(uses.globals)].filter((key) => Object.hasOwn(globalThis, topOf(key)) && !isGranted(key, policy.globals))
  if (builtin.length === 0 && globals.length === 0) return ''
  const entryOf = (section, keys) => `${JSON.stringify(section)}: {${keys.map((key) => `${JSON.stringify(key)}: true`).join(', ')}}`
  const entries = [...(builtin.length ? [entryOf('builtin', builtin)] : []), ...(globals.length ? [entryOf('globals', globals)] : [])]
  const named = [...builtin.map((key) => `builtin ${key}`), ...globals.map((key) => `global ${key}`)]
  return (
    `lavamoat: package "${packageName}" failed in ${path.relative(projectRoot, file)}, whose code uses what its policy ` +
    `does not grant: ${named.join(', ')}. What is not granted is undefined to the package, which may be what failed.\n` +
    `Hint: to allow them, add ${entries.join(', ')} to resources[${JSON.stringify(packageName)}] in ${overrideFile} ` +
    '(or run --autopolicy again if the package changed since the policy was written)'
  )
}

/** The hint noted for `err`, or ''. */
const missingGrantsHintOf = (err) => (Object(err) === err ? (hints.get(err) ?? '') : '')

module.exports = { noteMissingGrants, missingGrantsHintOf }
