'use strict'
// A package reading a global its policy does not grant sees `undefined`, and dies with an error
// that says nothing about the policy: `Cannot read properties of undefined (reading 'env')`.
// When such an error ends the run in a package's file, the globals that file uses and its
// policy lacks are listed, with the override entry that grants them. The file is analysed only
// then, so a run that does not fail pays nothing.

const fs = require('node:fs')
const path = require('node:path')
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
 * Whether `key` (`process.env`) is read-granted by a globals policy: granted itself, through
 * an ancestor (`process`), or in part (`process.env.HOME`, where the package sees `process.env`
 * with that one member).
 */
function isGranted(key, globals) {
  return Object.entries(globals).some(
    ([granted, value]) => value !== false && (granted === key || key.startsWith(`${granted}.`) || granted.startsWith(`${key}.`)),
  )
}

/** errors that ended a run -> their hint; a WeakMap: the error may be frozen, and stays as thrown */
const hints = new WeakMap()

/**
 * Notes the hint for an error that ended the run, when it is a TypeError or ReferenceError
 * raised in a package's file whose code uses globals its policy lacks.
 * @param {unknown} err
 * @param {{ packageNameFor: (file: string) => string, policyFor: (name: string) => { globals: object },
 *   sourceUses: (source: string, file: string) => { globals: string[] }, root: string,
 *   projectRoot: string, overrideFile: string }} context
 */
function noteMissingGlobals(err, context) {
  const hint = missingGlobalsHint(err, context)
  if (hint !== '') hints.set(err, hint)
}

function missingGlobalsHint(err, { packageNameFor, policyFor, sourceUses, root, projectRoot, overrideFile }) {
  if (!(err?.name === 'TypeError' || err?.name === 'ReferenceError') || typeof err.stack !== 'string') return ''
  const file = fileOfFirstFrame(err.stack)
  if (file === undefined) return ''
  let packageName
  let used
  try {
    packageName = packageNameFor(file)
    if (packageName === root) return ''
    used = sourceUses(fs.readFileSync(file, 'utf8'), file).globals
  } catch {
    // Not a file of the project, or not one the analysis can read: nothing to say.
    return ''
  }
  const { globals } = policyFor(packageName)
  // Only the host's globals: a name the package defines itself is not the policy's business.
  const missing = [...new Set(used)].filter((key) => Object.hasOwn(globalThis, key.split('.')[0]) && !isGranted(key, globals))
  if (missing.length === 0) return ''
  const entry = `"globals": {${missing.map((key) => `${JSON.stringify(key)}: true`).join(', ')}}`
  return (
    `lavamoat: package "${packageName}" failed in ${path.relative(projectRoot, file)}, whose code uses globals its policy ` +
    `does not grant: ${missing.join(', ')}. A global not granted is undefined to the package, which may be what failed.\n` +
    `Hint: to allow them, add ${entry} to resources[${JSON.stringify(packageName)}] in ${overrideFile} ` +
    '(or run --autopolicy again if the package changed since the policy was written)'
  )
}

/** The hint noted for `err`, or ''. */
const missingGlobalsHintOf = (err) => (Object(err) === err ? (hints.get(err) ?? '') : '')

module.exports = { noteMissingGlobals, missingGlobalsHintOf }
