'use strict'
// Dev tools under `lavamoat --bin` (issue 21; __test__/tools, README.md there): each tool of
// the tools project must exit and print as under plain node, with the policy our --autopolicy
// writes for it. The project is installed from its lockfile on first use (no install
// scripts). The tools of tools/known-failures.js must still fail, at the stage and with the
// error recorded there, so that the list stays true.

const { describe, test, before } = require('node:test')
const assert = require('node:assert/strict')
const { toolsDir, toolNames, runTool } = require('./tools/runner')
const { knownFailures } = require('./tools/known-failures')
const { installIfMissing } = require('./support/npm-ci')

before(() => installIfMissing(toolsDir))

const unknown = Object.keys(knownFailures).filter((name) => !toolNames.includes(name))
test('known-failures.js names only tools of the table', () => assert.deepEqual(unknown, []))

// One suite, so that the slow tsc (20 s of the whole) runs beside the others.
describe('dev tools under lavamoat --bin', { concurrency: 3 }, () => {
  for (const name of toolNames.filter((name) => !(name in knownFailures))) {
    test(`${name}: same exit code and output as under plain node`, { timeout: 300_000 }, async () => {
      const result = await runTool(name)
      if (result.status === 'skip') return assert.match(result.cause, /^runs on Node/, result.cause)
      assert.equal(result.status, 'pass', `${result.stage}: ${result.cause}`)
    })
  }
  for (const [name, { stage, cause, shows }] of Object.entries(knownFailures)) {
    test(`${name} still fails as recorded: ${cause}`, { timeout: 300_000 }, async () => {
      const result = await runTool(name)
      if (result.status === 'skip') return assert.match(result.cause, /^runs on Node/, result.cause)
      assert.equal(result.status, 'fail', `${name} passes now: take it out of tools/known-failures.js`)
      assert.equal(result.stage, stage, `${name} fails at ${result.stage} now: ${result.cause}`)
      assert.match(`${result.cause}\n${result.stderr ?? ''}`, shows)
    })
  }
})
