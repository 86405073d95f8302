'use strict'
// The compat corpus (__test__/compat, README.md there): a fixed sample of its cases must print
// the same under lavamoat, with the policy our --autopolicy writes for each, as under plain
// node. The corpus is installed from its lockfile on first use (no install scripts: no sample
// case needs one). The known incompatibilities (known-failures.js) must still fail, with the
// error README promises.

const { describe, test, before } = require('node:test')
const assert = require('node:assert/strict')
const { corpora, oursCli, runCase } = require('./compat/runner')
const { sample } = require('./compat/sample')
const { knownFailures } = require('./compat/known-failures')
const { makeTempDir } = require('./support/temp-dir')
const { installIfMissing } = require('./support/npm-ci')

let policyDir

before(() => {
  // The first tier, and each second-tier group with a known failure (modules/piscina), from its own lockfile.
  const used = corpora().filter(({ prefix }) => prefix === '' || Object.keys(knownFailures).some((name) => name.startsWith(prefix)))
  for (const { dir } of used) installIfMissing(dir)
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
