'use strict'
// Runs one compat case three ways and compares them: plain node (the expected stdout and exit
// code), lavamoat --autopolicy (writes the case's policy), then lavamoat with that policy. A case
// passes when the last run prints exactly what plain node printed and exits the same way.
// Every case shares its corpus's node_modules; each gets its own policy files, so that what one
// case's packages need is never granted because another case used it.
//
// There is more than one corpus, each a directory with its own package.json, lockfile and
// cases/: the first tier here (the most depended-upon CommonJS packages; a case is named by its
// file, `lodash`) and the second tier's groups under __test__/compat-modern/ (what a 2026 app is
// made of; a case is named with its group, `apps/nestjs`).

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { runPool } = require('../support/pool')
const { runNode: runNodeIn } = require('../support/run-node')

const compatDir = __dirname
const modernDir = path.join(compatDir, '..', 'compat-modern')
const oursCli = path.join(compatDir, '..', '..', 'lib', 'cli.js')
// A case takes a few seconds; a hung one (a server a failed request never closes) costs this.
const TIMEOUT_MS = 90_000

/** Every corpus: { prefix of its case names, dir }; the second tier's groups as they exist. */
function corpora() {
  const groups = fs.existsSync(modernDir) ? fs.readdirSync(modernDir).filter((group) => fs.existsSync(path.join(modernDir, group, 'cases'))) : []
  return [{ prefix: '', dir: compatDir }, ...groups.sort().map((group) => ({ prefix: `${group}/`, dir: path.join(modernDir, group) }))]
}

/** A case name's corpus dir and entry (relative to that dir). */
function locateCase(name) {
  const slash = name.indexOf('/')
  const dir = slash === -1 ? compatDir : path.join(modernDir, name.slice(0, slash))
  const file = fs.readdirSync(path.join(dir, 'cases')).find((entry) => entry.replace(/\.[cm]?[jt]s$/, '') === name.slice(slash + 1))
  if (file === undefined) throw new Error(`compat: no such case: ${name}`)
  return { dir, entry: path.join('cases', file) }
}

/** The case names of every corpus (or of those given), from the file names in their cases/. */
function allCaseNames(only = corpora()) {
  return only.flatMap(({ prefix, dir }) =>
    fs.readdirSync(path.join(dir, 'cases'))
      .filter((file) => /\.[cm]?[jt]s$/.test(file))
      .map((file) => prefix + file.replace(/\.[cm]?[jt]s$/, ''))
      .sort())
}


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
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `lavamoat-compat-${name.replace('/', '-')}-`)))
  try {
    return await runCaseIn(name, options, { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp })
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

async function runCaseIn(name, { node, cli, policyDir }, env) {
  const { dir, entry } = locateCase(name)
  const policy = path.join(policyDir, `${name.replace('/', '-')}-policy.json`)
  // An override path of the case's own (none exists): the default, lavamoat/node/ in the
  // working directory, would apply one override to every case.
  const override = path.join(policyDir, `${name.replace('/', '-')}-override.json`)
  const lavamoatArgs = [cli, entry, '--policy', policy, '--policyOverride', override, '--projectRoot', dir]
  const runNode = (args) => runNodeIn(node, args, { cwd: dir, env, timeoutMs: TIMEOUT_MS })
  const plain = await runNode([entry])
  const ms = { plain: plain.ms }
  if (plain.code !== 0) {
    return { name, status: 'skip', stage: 'plain', cause: `plain node exits ${plain.code}: ${causeOf(plain.stderr)}`, ms }
  }
  const autopolicy = await runNode([...lavamoatArgs, '--autopolicy'])
  ms.autopolicy = autopolicy.ms
  if (autopolicy.code !== 0 || !fs.existsSync(policy)) {
    return { name, status: 'fail', stage: 'autopolicy', cause: `exit ${autopolicy.code}: ${causeOf(autopolicy.stderr)}`, ms }
  }
  const run = await runNode(lavamoatArgs)
  ms.run = run.ms
  if (run.code === plain.code && run.stdout === plain.stdout) return { name, status: 'pass', stage: 'run', cause: '', ms }
  const cause = run.code !== plain.code ? `exit ${run.code}: ${causeOf(run.stderr)}` : firstDifference(plain.stdout, run.stdout)
  return { name, status: 'fail', stage: 'run', cause, ms, stderr: run.stderr }
}

/** Runs the cases `concurrency` at a time; calls onResult as each finishes; results in name order. */
async function runCases(names, options, { concurrency = 2, onResult } = {}) {
  return runPool(names, (name) => runCase(name, options), { concurrency, onResult })
}

module.exports = { compatDir, corpora, oursCli, allCaseNames, runCase, runCases, causeOf }
