'use strict'
// Shared harness for the security-*.test.js suites: one project tree per attack, run under plain
// node (the attack must work there, else it proves nothing) and under lavamoat (it must fail
// while the app still runs). Attack code catches its own errors and reports `{ escaped }`.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const { writeProject, runProject, body } = require('./runtime-project')

const NODE = process.env.LAVAMOAT_TEST_NODE || process.execPath

// What `evil` is granted in every attack: reading NODE_ENV, nothing powerful.
const HARMLESS = { globals: { 'process.env.NODE_ENV': true } }

// `packages`/`resources`: more packages (directory -> dependencies) and their policy entries.
function attackProject(attack, { resource = HARMLESS, rootAfter = '', files = {}, packages = {}, resources = {}, setup } = {}) {
  const root = writeProject({
    files: {
      'index.js': `const result = require('evil')\n${rootAfter}\n` +
        'Promise.resolve(result.escaped).then((escaped) => console.log(JSON.stringify({ ...result, escaped })))\n',
      'node_modules/evil/index.js': body(attack),
      'node_modules/victim/index.js': "module.exports = 'victim'\n",
      'node_modules/victim/secret.js': "module.exports = 'the victim\\'s secret'\n",
      ...files,
    },
    packages: { 'node_modules/evil': [], 'node_modules/victim': [], ...packages },
    policy: { resources: { evil: resource, ...resources } },
  })
  if (setup) setup(root)
  return root
}

function outcome(run) {
  assert.equal(run.status, 0, run.stderr)
  return JSON.parse(run.stdout.trim().split('\n').pop())
}

/**
 * `options.todo`: a known escape, reported without failing the run until it is fixed.
 * `options.skip`: a reason the attack cannot work on this Node (an API it does not have).
 */
function proveBlocked(name, attack, options = {}) {
  test(`blocked: ${name}`, { todo: options.todo, skip: options.skip }, () => {
    const root = attackProject(attack, options)
    const plain = outcome(spawnSync(NODE, ['index.js'], { cwd: root, encoding: 'utf8' }))
    assert.equal(plain.escaped, true, 'the attack works without lavamoat')
    const isolated = outcome(runProject(root))
    assert.equal(isolated.escaped, false, JSON.stringify(isolated))
  })
}

/** `escaped` when `probe()` returns something truthy without throwing. */
const tries = (probe) => `
  let escaped = false
  try { escaped = Boolean((${probe})()) } catch {}
  module.exports = { escaped }
`
const attack = (probe) => new Function(tries(probe))

/** `escaped` when the promise `probe()` returns resolves to something truthy. */
const triesAsync = (probe) => `
  module.exports = { escaped: Promise.resolve().then(${probe}).then(Boolean, () => false) }
`
const asyncAttack = (probe) => new Function(triesAsync(probe))

module.exports = { HARMLESS, proveBlocked, attack, asyncAttack }
