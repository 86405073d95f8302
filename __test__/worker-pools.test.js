'use strict'
// Worker pools from the registry (piscina, workerpool, jest-worker's threads, tinypool) run a
// task file of the app in worker threads, each under lavamoat there (confined-workers.js): the
// app installed from its lockfile, its policy written by --autopolicy with the one override line
// per pool that running the app's own file takes, and the output the same as under plain node.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const { runCli } = require('./support/project')
const { makeTempDir } = require('./support/temp-dir')

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

test('worker pools run the app\'s tasks under the policy --autopolicy writes', () => {
  const root = makeTempDir('lavamoat-worker-pools-')
  fs.cpSync(path.join(__dirname, 'apps', 'worker-pools'), root, { recursive: true })
  const install = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: root, encoding: 'utf8' })
  assert.equal(install.status, 0, install.stderr)

  const plain = spawnSync(process.env.LAVAMOAT_TEST_NODE || process.execPath, ['app.js'], { cwd: root, encoding: 'utf8', timeout: 60000 })
  assert.equal(plain.status, 0, plain.stderr)
  assert.equal(plain.stdout, '{"piscina":5,"workerpool":9,"jestWorker":13,"tinypool":12}\n')

  const generated = runCli(['app.js', '--autopolicy'], { cwd: root })
  assert.equal(generated.status, 0, generated.stderr)
  const run = runCli(['app.js'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, plain.stdout)

  // What the pools' own worker files use is in their policies: analysed as files workers run.
  const { resources } = JSON.parse(fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8'))
  assert.equal(resources.piscina.globals['process.env.PISCINA_DISABLE_ATOMICS'], true, JSON.stringify(resources.piscina))
  assert.equal(resources.tinypool.builtin['node:worker_threads.parentPort.postMessage'], true, JSON.stringify(resources.tinypool))
})
