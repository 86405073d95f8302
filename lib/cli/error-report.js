'use strict'
// How the CLI reports the error that ended a run: once, saying what failed and where. A
// configuration error is one line. Anything else keeps its message (a policy violation its
// override hint) and the frames of the app and its packages; LavaMoat's own frames and SES's
// are the same for every error and would push the user's out of the stack trace limit's
// window, so they are left out unless --debugMode.

const path = require('node:path')

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
  const report = debugMode ? stack : userStack(stack)
  const failed = failedModules.get(err)
  if (failed === undefined) return report
  // The reference's wording for a module that could not be evaluated.
  return `LavaMoat - Error evaluating module "${failed.file}" from package "${failed.packageName}" \n${report}`
}

module.exports = { formatError, noteModuleFailure }
