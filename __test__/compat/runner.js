'use strict'
// Runs one compat case three ways and compares them: plain node (the expected stdout and exit
// code), lavamoat --autopolicy (writes the case's policy), then lavamoat with that policy. A case
// passes when the last run prints exactly what plain node printed and exits the same way.
// Every case shares the corpus's node_modules; each gets its own policy files, so that what one
// case's packages need is never granted because another case used it.

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { runPool } = require('../support/pool')
const { runNode: runNodeIn } = require('../support/run-node')

const compatDir = __dirname
const casesDir = path.join(compatDir, 'cases')
const oursCli = path.join(compatDir, '..', '..', 'lib', 'cli.js')
// A case takes a few seconds; a hung one (a server a failed request never closes) costs this.
const TIMEOUT_MS = 90_000

/** The case names, from the file names in cases/. */
function allCaseNames() {
  return fs.readdirSync(casesDir).filter((file) => file.endsWith('.js')).map((file) => file.slice(0, -3)).sort()
}

/** Runs node with args in the corpus directory; resolves with code, stdout, stderr and ms. */
const runNode = (node, args, env) => runNodeIn(node, args, { cwd: compatDir, env, timeoutMs: TIMEOUT_MS })

/**
 * The line of stderr that says why a run failed: an error's message line (`TypeError: ...`,
 * SES's `TypeError#1: ...`, which follows its `SES_UNHANDLED_REJECTION: (TypeError#1)`), else
 * the first line naming an error or a refusal, else the first non-empty one.
 */
function causeOf(stderr) {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean)
  const message = lines.find((line) => /^(\w*Error|LavaMoat)\S*:? /.test(line))
  const named = lines.find((line) => /error|lavamoat|denied|not allowed|policy|cannot|refus/i.test(line) && !line.startsWith('at '))
  return (message ?? named ?? lines[0] ?? '').slice(0, 300)
}

/** Where the lavamoat run's stdout first differs from plain node's, for a silent mismatch. */
function firstDifference(expected, actual) {
  const a = expected.split('\n')
  const b = actual.split('\n')
  const index = a.findIndex((line, i) => line !== b[i])
  const at = index === -1 ? a.length : index
  return `stdout line ${at + 1}: expected ${JSON.stringify(a[at] ?? '')}, got ${JSON.stringify(b[at] ?? '')}`.slice(0, 300)
}

/**
 * One case under one lavamoat: { name, status: 'pass'|'fail'|'skip', stage, cause, ms }.
 * `skip` is a case plain node itself fails (a native addon whose build step was not run).
 */
async function runCase(name, options) {
  // The case's temp dir is its own and removed afterwards: what a case killed on its timeout or
  // failing under lavamoat leaves behind goes with it. TMP and TEMP are where Windows looks.
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `lavamoat-compat-${name}-`)))
  try {
    return await runCaseIn(name, options, { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp })
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

async function runCaseIn(name, { node, cli, policyDir }, env) {
  const entry = path.join('cases', `${name}.js`)
  const policy = path.join(policyDir, `${name}-policy.json`)
  // An override path of the case's own (none exists): the default, lavamoat/node/ in the
  // working directory, would apply one override to every case.
  const override = path.join(policyDir, `${name}-override.json`)
  const lavamoatArgs = [cli, entry, '--policy', policy, '--policyOverride', override, '--projectRoot', compatDir]
  const plain = await runNode(node, [entry], env)
  const ms = { plain: plain.ms }
  if (plain.code !== 0) {
    return { name, status: 'skip', stage: 'plain', cause: `plain node exits ${plain.code}: ${causeOf(plain.stderr)}`, ms }
  }
  const autopolicy = await runNode(node, [...lavamoatArgs, '--autopolicy'], env)
  ms.autopolicy = autopolicy.ms
  if (autopolicy.code !== 0 || !fs.existsSync(policy)) {
    return { name, status: 'fail', stage: 'autopolicy', cause: `exit ${autopolicy.code}: ${causeOf(autopolicy.stderr)}`, ms }
  }
  const run = await runNode(node, lavamoatArgs, env)
  ms.run = run.ms
  if (run.code === plain.code && run.stdout === plain.stdout) return { name, status: 'pass', stage: 'run', cause: '', ms }
  const cause = run.code !== plain.code ? `exit ${run.code}: ${causeOf(run.stderr)}` : firstDifference(plain.stdout, run.stdout)
  return { name, status: 'fail', stage: 'run', cause, ms, stderr: run.stderr }
}

/** Runs the cases `concurrency` at a time; calls onResult as each finishes; results in name order. */
async function runCases(names, options, { concurrency = 2, onResult } = {}) {
  return runPool(names, (name) => runCase(name, options), { concurrency, onResult })
}

module.exports = { compatDir, oursCli, allCaseNames, runCase, runCases, causeOf }
