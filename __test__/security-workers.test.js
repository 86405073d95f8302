'use strict'
// Worker threads: a worker's code is a package's code, confined by the same policy. Each route
// by which a package granted `worker_threads` could run code in a worker outside LavaMoat.

const { proveBlocked, asyncAttack } = require('./helpers/security-attack')

const WORKER_GRANT = { builtin: { worker_threads: true, path: true } }

/** Starts a worker as `start(Worker)` does; `escaped` is what it posts back (false on error). */
const workerAttack = (start) => asyncAttack(`() => new Promise((resolve) => {
  const { Worker } = require('worker_threads')
  const worker = (${start})(Worker)
  worker.on('message', (value) => { resolve(value); worker.terminate() })
  worker.on('error', () => resolve(false))
  worker.on('exit', () => resolve(false))
})`)

// What the worker's code does to prove it is unconfined: reach child_process.
const PAYLOAD = "require('worker_threads').parentPort.postMessage(typeof require('child_process').execSync === 'function')\n"
const withPayload = (resource = WORKER_GRANT) => ({ resource, files: { 'node_modules/evil/payload.js': PAYLOAD } })

proveBlocked('a worker running a file of the package', workerAttack("(Worker) => new Worker(require('path').join(__dirname, 'payload.js'))"), withPayload())
proveBlocked('a worker given only Worker by path', workerAttack("(Worker) => new Worker(require('path').join(__dirname, 'payload.js'))"), withPayload({ builtin: { 'worker_threads.Worker': true, 'path.join': true } }))
proveBlocked('a worker started with eval code', workerAttack(`(Worker) => new Worker(${JSON.stringify(PAYLOAD)}, { eval: true })`), withPayload())
proveBlocked('a worker started from a data: URL', workerAttack("(Worker) => new Worker(new URL('data:text/javascript,' + encodeURIComponent(\"import { parentPort } from 'worker_threads'; import cp from 'child_process'; parentPort.postMessage(typeof cp.execSync === 'function')\")))"), {
  ...withPayload(), resource: { ...WORKER_GRANT, globals: { URL: true, encodeURIComponent: true } },
})
proveBlocked('a worker started with --require of a file', workerAttack("(Worker) => new Worker(require('path').join(__dirname, 'noop.js'), { execArgv: ['--require', require('path').join(__dirname, 'payload.js')] })"), {
  ...withPayload(), files: { 'node_modules/evil/payload.js': PAYLOAD, 'node_modules/evil/noop.js': '' },
})
proveBlocked('a worker started with NODE_OPTIONS=--require in its env', workerAttack("(Worker) => new Worker(require('path').join(__dirname, 'noop.js'), { env: { NODE_OPTIONS: '--require ' + require('path').join(__dirname, 'payload.js') } })"), {
  ...withPayload(), files: { 'node_modules/evil/payload.js': PAYLOAD, 'node_modules/evil/noop.js': '' },
})
proveBlocked('Node\'s Worker through the constructor of a worker', workerAttack("(Worker) => { const first = new Worker(require('path').join(__dirname, 'noop.js')); first.terminate(); return new first.constructor(require('path').join(__dirname, 'payload.js')) }"), {
  ...withPayload(), files: { 'node_modules/evil/payload.js': PAYLOAD, 'node_modules/evil/noop.js': '' },
})
proveBlocked('a worker running a file of a package the policy does not grant', workerAttack("(Worker) => new Worker(require('path').join(__dirname, '..', 'victim', 'leak.js'))"), {
  resource: WORKER_GRANT,
  files: { 'node_modules/victim/leak.js': "require('worker_threads').parentPort.postMessage(true)\n" },
  resources: { victim: { builtin: { worker_threads: true } } },
})
