'use strict'
// The compat corpus (__test__/compat, README.md there): a fixed sample of its cases must print
// the same under lavamoat, with the policy our --autopolicy writes for each, as under plain
// node. The corpus is installed from its lockfile on first use (no install scripts: no sample
// case needs one). Cases in known-failures.js run as todo tests, their cause in the title.

const { describe, test, before } = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const { compatDir, oursCli, runCase } = require('./compat/runner')
const { sample } = require('./compat/sample')
const { knownFailures } = require('./compat/known-failures')
const { makeTempDir } = require('./support/temp-dir')

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
let policyDir

before(() => {
  // npm writes node_modules/.package-lock.json last: its presence means a finished install.
  if (!fs.existsSync(path.join(compatDir, 'node_modules', '.package-lock.json'))) {
    const install = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: compatDir, encoding: 'utf8', timeout: 300_000 })
    assert.equal(install.status, 0, install.stderr)
  }
  policyDir = makeTempDir('lavamoat-compat-')
})

describe('compat sample: same stdout and exit code as plain node', { concurrency: 2 }, () => {
  for (const name of sample) {
    const todo = knownFailures[name]
    test(name, { timeout: 300_000, todo }, async () => {
      const result = await runCase(name, { node: process.execPath, cli: oursCli, policyDir })
      assert.equal(result.status, 'pass', `${result.stage}: ${result.cause}`)
    })
  }
})
