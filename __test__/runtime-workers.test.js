'use strict'
// Worker threads under LavaMoat: the worker's file runs as the package that owns it, under the
// same policy, and what a worker is for keeps working (workerData, messages, transfers,
// errors, a project file run by a package's pool, `--autopolicy` of it all).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { writeProject, runProject } = require('./helpers/runtime-project')

// `pool` runs tasks in a worker on its own file; the task requires `dep` and a granted builtin.
const POOL = {
  'index.js': [
    "const pool = require('pool')",
    'pool.run(21).then((answer) => pool.runProjectTask().catch((err) => err.message).then((fromProject) => pool.refusal().then((refusal) => {',
    '  console.log(JSON.stringify({ answer, fromProject, refusal }))',
    '})))',
  ].join('\n'),
  'task.js': "const { parentPort, workerData } = require('worker_threads')\nparentPort.postMessage(`project ${workerData.n} ${typeof require('fs').readFileSync}`)\n",
  'node_modules/pool/index.js': [
    "const { Worker } = require('worker_threads')",
    "const path = require('path')",
    'const once = (worker) => new Promise((resolve, reject) => { worker.once(\'message\', resolve); worker.once(\'error\', reject) })',
    "exports.run = (n) => { const { port1, port2 } = new MessageChannel(); const w = new Worker(path.join(__dirname, 'task.js'), { workerData: { n, port: port2 }, transferList: [port2] }); return new Promise((resolve) => port1.once('message', (m) => { resolve(m); port1.close(); w.terminate() })) }",
    "exports.runProjectTask = () => Promise.resolve().then(() => once(new Worker(path.join(process.cwd(), 'task.js'), { workerData: { n: 1 } })))",
    "exports.refusal = () => once(new Worker(path.join(__dirname, 'greedy.js'))).then(() => 'ran', (err) => err.message)",
  ].join('\n'),
  'node_modules/pool/task.js': [
    "const { workerData } = require('worker_threads')",
    "workerData.port.postMessage(require('dep').double(workerData.n) + ' ' + require('path').basename(__filename) + ' ' + typeof process.exit)",
  ].join('\n'),
  'node_modules/pool/greedy.js': "require('child_process')\n",
  'node_modules/dep/index.js': 'exports.double = (n) => n * 2\n',
}
const POLICY = {
  resources: {
    pool: { builtin: { worker_threads: true, path: true }, globals: { MessageChannel: true, 'process.cwd': true }, packages: { dep: true, $root$: true } },
  },
}

test('a worker runs its file as the package that owns it, under the same policy', () => {
  const dir = writeProject({ files: POOL, packages: { 'node_modules/pool': ['dep'], 'node_modules/dep': [] }, policy: POLICY })
  const run = runProject(dir)
  assert.equal(run.status, 0, run.stderr)
  const result = JSON.parse(run.stdout)
  // pool's task: its dependency and builtin, and no `process` global (not granted).
  assert.equal(result.answer, '42 task.js undefined')
  // The project's file, run by pool's worker, is the project's own code (unrestricted).
  assert.equal(result.fromProject, 'project 1 function')
  assert.match(result.refusal, /required node builtin package not in allowlist: package "pool" requested "child_process"/)
})

test('--autopolicy writes what a worker\'s file needs, and the app runs under it', () => {
  const dir = writeProject({ files: POOL, packages: { 'node_modules/pool': ['dep'], 'node_modules/dep': [] } })
  // A worker file that needs nothing the analysis cannot see.
  fs.writeFileSync(path.join(dir, 'node_modules/pool/greedy.js'), "require('worker_threads').parentPort.postMessage('fine')\n")
  const generated = runProject(dir, { args: ['--autopolicy'] })
  assert.equal(generated.status, 0, generated.stderr)
  const run = runProject(dir)
  assert.equal(run.status, 0, run.stderr)
  // task.js reads process.exit: granted by the analysis of the worker's file.
  const result = JSON.parse(run.stdout)
  assert.deepEqual({ ...result, fromProject: undefined }, { answer: '42 task.js function', fromProject: undefined, refusal: 'ran' })
  // A file of the project, by a path computed at run time: as a require of it would be, refused
  // with the line that allows it.
  assert.match(result.fromProject, /package "pool" requested "\$root\$"[\s\S]*"packages": \{"\$root\$": true\}/)
  // pool's own worker file is in its policy: `dep` is required only there.
  const policy = JSON.parse(fs.readFileSync(path.join(dir, 'lavamoat/node/policy.json'), 'utf8'))
  assert.equal(policy.resources.pool.packages.dep, true)
})

test("a worker's eval code runs as the package that started it: its dependencies and builtins, nothing else", () => {
  const files = {
    'index.js': "require('spawner').run().then((results) => console.log(JSON.stringify(results)))\n",
    'node_modules/spawner/index.js': [
      "const { Worker } = require('worker_threads')",
      'const once = (code) => new Promise((resolve) => {',
      '  const worker = new Worker(code, { eval: true, workerData: 20 })',
      "  worker.once('message', resolve)",
      "  worker.once('error', (err) => resolve(err.message))",
      '})',
      'exports.run = () => Promise.all([',
      // What the starter may use, as Node gives eval code: require, workerData, __filename.
      "  once(\"const { parentPort, workerData } = require('worker_threads'); parentPort.postMessage([require('dep').double(workerData + 1), __filename.endsWith('[worker eval]'), typeof process])\"),",
      // What it may not: a builtin and a package its policy does not grant.
      "  once(\"require('child_process')\"),",
      "  once(\"require('other')\"),",
      '])',
    ].join('\n'),
    'node_modules/dep/index.js': 'exports.double = (n) => n * 2\n',
    'node_modules/other/index.js': 'module.exports = 1\n',
  }
  const dir = writeProject({ files, packages: { 'node_modules/spawner': ['dep', 'other'], 'node_modules/dep': [], 'node_modules/other': [] }, policy: {
    resources: { spawner: { builtin: { worker_threads: true }, packages: { dep: true } } },
  } })
  const run = runProject(dir)
  assert.equal(run.status, 0, run.stderr)
  const [granted, builtin, other] = JSON.parse(run.stdout)
  assert.deepEqual(granted, [42, true, 'undefined'])
  assert.match(builtin, /package "spawner" requested "child_process"/)
  assert.match(other, /package "spawner" requested "other"/)
})
