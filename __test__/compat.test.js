'use strict'
// The compat corpus (__test__/compat, README.md there): a fixed sample of its cases must print
// the same under lavamoat, with the policy our --autopolicy writes for each, as under plain
// node. The corpus is installed from its lockfile on first use (no install scripts: no sample
// case needs one). The known incompatibilities (known-failures.js) must still fail, with the
// error README promises.

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
  for (const name of sample.filter((name) => !(name in knownFailures))) {
    test(name, { timeout: 300_000 }, async () => {
      const result = await runCase(name, { node: process.execPath, cli: oursCli, policyDir })
      assert.equal(result.status, 'pass', `${result.stage}: ${result.cause}`)
    })
  }
})

describe('known incompatibilities fail with the error README promises', { concurrency: 2 }, () => {
  for (const [name, { cause, shows }] of Object.entries(knownFailures)) {
    test(`${name}: ${cause}`, { timeout: 300_000 }, async () => {
      const result = await runCase(name, { node: process.execPath, cli: oursCli, policyDir })
      assert.equal(result.status, 'fail', `${name} passes now: take it out of known-failures.js and README's known incompatibilities`)
      assert.match(`${result.cause}\n${result.stderr ?? ''}`, shows)
    })
  }
})
