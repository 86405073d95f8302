'use strict'
// An error that ends the process prints as Node prints it, on Node 20 too.
//
// Why: Node prints an error nobody caught (thrown in a callback, or a rejection nobody
// handled) with inspect(error, { customInspect: false }). Node 20's inspect takes a class
// name only from a data `constructor`, which the override taming made accessors
// (error-inspect.js), so without the custom inspect method `new TypeError('boom')` printed as
// `{}` and an fs error as its `code` and `errno` only. Where this Node shows that flaw, a
// listener prints the report instead, and ends the process as Node would (exit code 1), while
// it is the only listener: a listener of the app's own means the app handles such errors, as
// it would under Node, and this one steps aside.

const { inspect } = require('node:util')
const { isNativeError } = require('node:util').types

// Captured now: --scuttleGlobalThis later makes the real process unusable from the app's
// global, and the report must not depend on what the app changed since.
const { stderr, version } = process
const exit = process.exit.bind(process)
const listenerCount = process.listenerCount.bind(process)

/** Whether this Node prints an uncaught error without the error's own stack (Node 20). */
function fatalReportLosesErrors() {
  return inspect(new TypeError('probe'), { customInspect: false }).startsWith('{')
}

function report(thrown) {
  if (listenerCount('uncaughtException') > 1) return
  const text = isNativeError(thrown)
    ? inspect(thrown)
    : `${typeof thrown === 'string' ? thrown : inspect(thrown)}\n(Use \`node --trace-uncaught ...\` to show where the exception was thrown)`
  stderr.write(`${text}\n\nNode.js ${version}\n`)
  exit(1)
}

/**
 * Call once the realm is locked down. Not in a worker thread: there an uncaught error is the
 * starter's 'error' event, as under Node (confined-workers.js).
 */
function reportFatalErrorsAsNode() {
  if (fatalReportLosesErrors() && require('node:worker_threads').isMainThread) process.on('uncaughtException', report)
}

module.exports = { reportFatalErrorsAsNode }
