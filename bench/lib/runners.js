'use strict'
// The runtimes compared, and the command line each one is measured with.

const fs = require('node:fs')
const path = require('node:path')

const { node24, oursCli, referenceCli, policiesDir } = require('./paths')

function nodeMajor(version) {
  return Number(version.replace(/^v/, '').split('.')[0])
}

const lockdownThenRun = path.join(__dirname, 'lockdown-then-run.js')

/**
 * `peer`: LavaMoat's next-generation runtime `@lavamoat/node`, ES module apps only. It is not
 * on npm, so the bench never installs it: `--peer <dir>` names a copy built from source.
 */
function peerRunner(peerDir) {
  const cli = peerDir && path.join(peerDir, 'src', 'cli.js')
  let unavailable = null
  if (!peerDir) unavailable = 'build @lavamoat/node from source and pass --peer <dir>, see docs/benchmarks.md'
  else if (!fs.existsSync(cli)) unavailable = `--peer ${peerDir} has no src/cli.js`
  return { id: 'peer', node: node24, cli, peer: true, appsOnly: true, esmAppsOnly: true, unavailable }
}

/**
 * `node` (no lavamoat), `lockdown` (node after SES lockdown, apps only), `ours`, `ref`, `peer`
 * on the Node 24 binary (and `baseline` with --baseline); `ours@<major>` on the Node running the bench when that is another
 * major (system Node 20), as it costs one more run per case.
 */
/**
 * `baseline`: another checkout of this lavamoat (`--baseline <dir>`), for the servers section
 * only: one run that loads each server under the code before a change and after it.
 */
function baselineRunner(baselineDir) {
  const cli = path.join(baselineDir, 'lib', 'cli.js')
  const unavailable = fs.existsSync(cli) ? null : `--baseline ${baselineDir} has no lib/cli.js`
  return { id: 'baseline', node: node24, cli, serversOnly: true, unavailable }
}

function runners(node24Version, peerDir, baselineDir = null) {
  const list = [
    { id: 'node', node: node24, cli: null },
    { id: 'lockdown', node: node24, cli: null, preludeScript: lockdownThenRun, appsOnly: true },
    // Before ours, so that the table reads before, then after.
    ...(baselineDir ? [baselineRunner(baselineDir)] : []),
    { id: 'ours', node: node24, cli: oursCli },
    { id: 'ref', node: node24, cli: referenceCli },
    peerRunner(peerDir),
  ]
  if (nodeMajor(process.version) !== nodeMajor(node24Version)) {
    list.splice(2, 0, { id: `ours@${nodeMajor(process.version)}`, node: process.execPath, cli: oursCli, ours: true })
  }
  for (const runner of list) runner.ours = runner.ours ?? runner.id === 'ours'
  return list
}

/** Each runner writes and reads its own policy, under results/, never in the project. */
function policyPath(runner, caseName) {
  return path.join(policiesDir, runner.id, caseName, 'policy.json')
}

// The peer's CLI has subcommands (`generate`, `run`) where lavamoat has a flag.
function autopolicyCommand(runner, dir, entry, caseName) {
  const policy = ['--policy', policyPath(runner, caseName)]
  const args = runner.peer ? ['generate', entry, ...policy] : [entry, '--autopolicy', ...policy]
  return { node: runner.node, script: runner.cli, args, cwd: dir }
}

function appCommand(runner, dir, entry, caseName) {
  if (runner.preludeScript) return { node: runner.node, script: runner.preludeScript, args: [entry], cwd: dir }
  if (!runner.cli) return { node: runner.node, script: entry, args: [], cwd: dir }
  const policy = ['--policy', policyPath(runner, caseName)]
  return { node: runner.node, script: runner.cli, args: runner.peer ? ['run', entry, ...policy] : [entry, ...policy], cwd: dir }
}

module.exports = { runners, autopolicyCommand, appCommand }
