'use strict'
// Worker threads run under LavaMoat too. A worker is a new realm with Node's own loader: the
// file a package starts in it, and everything that file requires, ran with no compartment
// and no policy (`child_process`, `fs`, whatever the package's policy said). So every worker
// starts LavaMoat's entry (worker-entry.js), which locks the worker's realm down, loads the
// same policy and runs the file as the package that owns it, as the main thread would.
//
// Security: each package's `worker_threads` has a `Worker` of its own, which starts the real one
// on worker-entry.js, and only on a file of the package or of one its policy grants (as a
// require would). Node's is replaced where it could still be reached, before any package runs:
// the `Worker` export of the real module and the `constructor` of `Worker.prototype` (a worker
// a package holds leads there) are a class that starts nothing. The real one stays in this
// closure. What a worker is started with cannot add code that runs
// outside LavaMoat: `execArgv` with a flag that loads or evaluates code (`--require`,
// `--import`, `--eval`, loaders, ...) or opens Node's internals, and an `env` whose
// NODE_OPTIONS differs from this process's (workers read it), are refused. `eval` code has no
// file to own it: it runs in the worker as the package that started it, with that package's
// policy (worker-entry.js). `data:`/`blob:` URLs are refused: they are ES modules of no file
// and no package either, which the worker's loader cannot yet run as their starter's.

const path = require('node:path')
const { fileURLToPath } = require('node:url')
const workerThreads = require('node:worker_threads')
const { hostProcess } = require('./host')

const { Reflect, Object, Array, String, TypeError, Error } = globalThis

const RealWorker = workerThreads.Worker
const WORKER_ENTRY = path.join(__dirname, 'worker-entry.js')

// Flags that load or evaluate code in the worker before or instead of its file, change what
// its files mean, or open Node's internals (spelt with `-` or `_`, with or without `=value`).
const CODE_FLAGS = new Set([
  '-r', '--require', '--import', '--loader', '--experimental-loader', '-e', '--eval', '-p', '--print',
  '--expose-internals', '--allow-natives-syntax', '--experimental-default-type', '--env-file', '--env-file-if-exists',
  '--experimental-policy', '--disable-proto', '--frozen-intrinsics',
])

/** What this process started with: the user's, which workers may inherit as they are. */
const startExecArgv = [...hostProcess.execArgv]
const startNodeOptions = hostProcess.env.NODE_OPTIONS

/** The run's options a worker's LavaMoat needs (the policy files, the modes); set by the kernel. */
let runOptions

const flagName = (arg) => {
  const name = arg.split('=')[0]
  return name.startsWith('--') ? `--${name.slice(2).replace(/_/g, '-')}` : name
}

function refuse(message) {
  return Object.assign(new Error(`LavaMoat: ${message}`), { code: 'LAVAMOAT_WORKER_REFUSED' })
}

/** The worker's execArgv, checked: what this process started with, or flags that add no code. */
function checkedExecArgv(execArgv) {
  if (execArgv === undefined) return undefined
  const args = Array.from(execArgv, String)
  if (args.length === startExecArgv.length && args.every((arg, i) => arg === startExecArgv[i])) return args
  for (const arg of args) {
    if (CODE_FLAGS.has(flagName(arg))) throw refuse(`a worker cannot be started with "${arg}" in execArgv: it would run code outside LavaMoat's policy`)
  }
  return args
}

/** The worker's env, checked: NODE_OPTIONS, which a worker reads, must be this process's. */
function checkedEnv(env) {
  const isObject = typeof env === 'object' && env !== null
  const copy = isObject ? { ...env } : env
  // Without an env object the worker gets this process's, whose NODE_OPTIONS a package with
  // `process.env` "write" could have changed.
  const nodeOptions = isObject ? copy.NODE_OPTIONS : hostProcess.env.NODE_OPTIONS
  if (nodeOptions !== undefined && `${nodeOptions}` !== startNodeOptions) {
    throw refuse('a worker cannot be started with a NODE_OPTIONS other than the one lavamoat started with: it would run code outside LavaMoat\'s policy')
  }
  return copy
}

/** The file a worker runs, absolute, or a refusal for a URL that no file owns. */
function workerFile(filename) {
  const url = typeof filename === 'object' && filename !== null ? `${filename.href}` : `${filename}`
  if (/^(data|blob):/i.test(url)) throw refuse(`a worker cannot be started from a ${url.split(':')[0]}: URL under LavaMoat yet: start it from a file of the package`)
  const file = /^file:/i.test(url) ? fileURLToPath(url) : url
  // As Node: an absolute path, or one relative to the working directory written with ./ or ../.
  return path.resolve(hostProcess.cwd(), file)
}

/**
 * What the worker runs: a file, once `starter.authorize(file)` (the starter's policy) allows
 * it, or `eval` code, as the starter's own.
 */
function workerTask(filename, isEval, starter) {
  if (!isEval) {
    const file = workerFile(filename)
    starter.authorize(file)
    return { file }
  }
  // Security: the code gets what its starter has, no more: the starter's compartment and policy.
  return { evalCode: { code: `${filename}`, packageName: starter.packageName } }
}

/** Starts the real worker on worker-entry.js, which runs the task under this run's policy. */
function startConfined(filename, options, newTarget, starter) {
  if (runOptions === undefined) throw refuse('workers are started only once LavaMoat runs')
  // Read once: a getter cannot answer the checks and the start differently.
  const given = typeof options === 'object' && options !== null ? { ...options } : {}
  if (starter === undefined) {
    throw refuse("this Worker class belongs to no package (it was reached through a worker's constructor): start workers with require('worker_threads').Worker")
  }
  const task = workerTask(filename, Boolean(given.eval), starter)
  const started = { ...given, eval: false }
  if ('execArgv' in given) started.execArgv = checkedExecArgv(given.execArgv)
  else checkedExecArgv(hostProcess.execArgv)
  started.env = checkedEnv(given.env)
  if (started.env === undefined) delete started.env
  started.workerData = { lavamoat: { runOptions, ...task }, workerData: given.workerData }
  return Reflect.construct(RealWorker, [WORKER_ENTRY, started], newTarget)
}

/**
 * A `Worker` class: Node's, started on worker-entry.js, for the package `starter.packageName`.
 * `starter.authorize(file)` throws when that package may not run `file` (a file of a package
 * its policy does not grant). Without a starter, the class starts nothing.
 * @param {{ packageName: string, authorize: (file: string) => void } | undefined} starter
 */
function makeWorkerClass(starter) {
  const Worker = function Worker(filename, options) {
    if (new.target === undefined) throw new TypeError("Class constructor Worker cannot be invoked without 'new'")
    return startConfined(filename, options, new.target === Worker ? RealWorker : new.target, starter)
  }
  Worker.prototype = RealWorker.prototype
  Reflect.setPrototypeOf(Worker, Reflect.getPrototypeOf(RealWorker))
  return Worker
}

// Where Node's was: it knows no starter, so it starts nothing. Packages and the app get a
// class made for them from `require('worker_threads')` (the module loader).
const Worker = makeWorkerClass(undefined)

/**
 * Puts LavaMoat's `Worker` where Node's was reachable; `options` are the run's (policy files,
 * project root, modes), which each worker's LavaMoat uses. Fail closed: a place that cannot be
 * replaced stops the run.
 */
function confineWorkers(options) {
  runOptions = Object.freeze({ ...options })
  if (workerThreads.Worker === Worker) return
  const replaced =
    Reflect.defineProperty(workerThreads, 'Worker', { value: Worker, writable: true, enumerable: true, configurable: true }) &&
    Reflect.defineProperty(RealWorker.prototype, 'constructor', { value: Worker, writable: true, enumerable: false, configurable: true })
  if (!replaced || workerThreads.Worker !== Worker || RealWorker.prototype.constructor !== Worker) {
    throw new Error('LavaMoat - cannot replace worker_threads.Worker: workers would run outside LavaMoat')
  }
}

module.exports = { confineWorkers, makeWorkerClass }
