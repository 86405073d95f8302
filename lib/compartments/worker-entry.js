'use strict'
// The file every worker thread starts on (confined-workers.js): LavaMoat in the worker, which
// locks its realm down, loads the run's policy and runs the worker's file as the package that
// owns it, or its `eval` code as the package that started it. The worker's code reads
// `workerData` as its starter passed it.

const workerThreads = require('node:worker_threads')

const { lavamoat, workerData } = workerThreads.workerData
workerThreads.workerData = workerData

const STANDARD_ERRORS = new Set(['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'])

/**
 * Node sends a worker's uncaught error to its starter as an error of the class it finds on the
 * error's `constructor` data properties; the override taming made those of the error
 * prototypes accessors (override-taming.js), so the starter got a bare text without
 * `message` or `code`. An own `constructor`, the nearest standard error class, is found first.
 */
function sendableError(err) {
  if (!(err instanceof Error) || !Object.isExtensible(err) || Object.hasOwn(err, 'constructor')) return err
  let constructor = err.constructor
  while (typeof constructor === 'function' && !STANDARD_ERRORS.has(constructor.name)) constructor = Object.getPrototypeOf(constructor)
  if (typeof constructor === 'function') Reflect.defineProperty(err, 'constructor', { value: constructor, writable: true, configurable: true })
  return err
}

// Seen before Node sends the error to the starter, without handling it.
process.on('uncaughtExceptionMonitor', sendableError)

require('./kernel')
  .run({ ...lavamoat.runOptions, entryPath: lavamoat.file, evalCode: lavamoat.evalCode })
  .catch((err) => {
    // As an uncaught error of the worker's own file: the starter's 'error' event gets it.
    process.nextTick(() => {
      throw sendableError(err)
    })
  })
