'use strict'
// How the CLI reports the error that ended a run: once, saying what failed and where. A
// configuration error is one line. Anything else keeps its message (a policy violation its
// override hint) and the frames of the app and its packages; LavaMoat's own frames and SES's
// are the same for every error and would push the user's out of the stack trace limit's
// window, so they are left out unless --debugMode.

const path = require('node:path')
const { missingGrantsHintOf } = require('../policy/missing-grants')

const CONFIG_ERROR = /^LAVAMOAT_(POLICY|PACKAGE_JSON|OPTIONS|BIN|AUTOPOLICY|NATIVE_MISSING|NATIVE_VERSION_MISMATCH|ENTRY|UNKNOWN_EXTENSION|UNKNOWN_PACKAGE_DIR|UNDECLARED_DEPENDENCY|PACKAGE_LAYOUT_UNSUPPORTED)/

// Captured at load: the report must not depend on anything the app may have changed since.
const libDir = path.join(__dirname, '..')
const ownFiles = [libDir + path.sep, path.join(libDir, '..', 'index.js')]
const sesDir = path.dirname(require.resolve('ses/package.json')) + path.sep
const hiddenFrameSources = [...ownFiles, sesDir]

/** module errors -> the module whose source failed to load or compile (see noteModuleFailure) */
const failedModules = new WeakMap()

/**
 * Records which module a loading or compile error (a SyntaxError names no file) came from,
 * for the report; the error itself reaches the requiring code unchanged.
 */
function noteModuleFailure(err, file, packageName) {
  if ((typeof err === 'object' && err !== null) || typeof err === 'function') {
    failedModules.set(err, { file, packageName })
  }
}

const isFrame = (line) => /^\s+at /.test(line)
const isHiddenFrame = (line) => hiddenFrameSources.some((source) => line.includes(source))

/** `stack` without the frames of LavaMoat and SES; the message lines are kept as they are. */
function userStack(stack) {
  return stack
    .split('\n')
    .filter((line) => !(isFrame(line) && isHiddenFrame(line)))
    .join('\n')
}

// V8's messages for a write that a frozen or non-extensible object refused.
const FROZEN_WRITE = /^(Cannot (add|define) property .+, object is not extensible|Cannot assign to read only property '.+' of .+)$/

/** The package (`a`, `@scope/a`) of the stack's first frame in a node_modules folder. */
function packageOfFirstFrame(stack) {
  const marker = `node_modules${path.sep}`
  const frame = stack.split('\n').find((line) => isFrame(line) && line.includes(marker))
  if (frame === undefined) return undefined
  const [first, second] = frame.slice(frame.lastIndexOf(marker) + marker.length).split(path.sep)
  return first.startsWith('@') ? `${first}/${second}` : first
}

/**
 * A line after an error raised by a write to a frozen object: under lockdown the shared
 * intrinsics are frozen, which V8's message does not say, so the cause of the commonest
 * incompatibility would be a guess.
 */
function frozenWriteHint(err, stack) {
  if (!(typeof err?.message === 'string' && err.name === 'TypeError' && FROZEN_WRITE.test(err.message))) return ''
  const pkg = packageOfFirstFrame(stack)
  return (
    `\nLavaMoat: ${pkg ? `package "${pkg}"` : 'the code above'} wrote to a frozen object. Under LavaMoat the ` +
    'JavaScript intrinsics (Object, Object.prototype, Function.prototype, Object.keys, ...) are frozen and shared ' +
    'by every package: no package may add to them or replace what they hold. If that object is one of them, ' +
    'see "Known incompatibilities" in the README of lavamoat for known cases and what to do.'
  )
}

/**
 * The text to print for an error that ended the run.
 * @param {unknown} err
 * @param {{ debugMode?: boolean }} [options]
 */
function formatError(err, { debugMode = false } = {}) {
  if (typeof err?.code === 'string' && CONFIG_ERROR.test(err.code)) {
    // Some messages are written for API users and already say where they come from.
    return /^lavamoat:/i.test(err.message) ? err.message : `lavamoat: ${err.message}`
  }
  const stack = typeof err?.stack === 'string' && err.stack !== '' ? err.stack : String(err)
  const grantsHint = missingGrantsHintOf(err)
  const report = (debugMode ? stack : userStack(stack)) + frozenWriteHint(err, stack) + (grantsHint && `\n${grantsHint}`)
  const failed = failedModules.get(err)
  if (failed === undefined) return report
  // The reference's wording for a module that could not be evaluated.
  return `LavaMoat - Error evaluating module "${failed.file}" from package "${failed.packageName}" \n${report}`
}

module.exports = { formatError, noteModuleFailure, packageOfFirstFrame }
