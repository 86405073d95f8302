'use strict'
// The runtimes compared, and the command line each one is measured with.

const path = require('node:path')

const { node24, oursCli, referenceCli, policiesDir } = require('./paths')

function nodeMajor(version) {
  return Number(version.replace(/^v/, '').split('.')[0])
}

const lockdownThenRun = path.join(__dirname, 'lockdown-then-run.js')

/**
 * `node` (no lavamoat), `lockdown` (node after SES lockdown, apps only), `ours`, `ref` on the
 * Node 24 binary; `ours@<major>` on the Node running the bench when that is another major
 * (system Node 20), as it costs one more run per case.
 */
function runners(node24Version) {
  const list = [
    { id: 'node', node: node24, cli: null },
    { id: 'lockdown', node: node24, cli: null, preludeScript: lockdownThenRun, appsOnly: true },
    { id: 'ours', node: node24, cli: oursCli },
    { id: 'ref', node: node24, cli: referenceCli },
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

function autopolicyCommand(runner, dir, entry, caseName) {
  return {
    node: runner.node,
    script: runner.cli,
    args: [entry, '--autopolicy', '--policy', policyPath(runner, caseName)],
    cwd: dir,
  }
}

function appCommand(runner, dir, entry, caseName) {
  if (runner.preludeScript) return { node: runner.node, script: runner.preludeScript, args: [entry], cwd: dir }
  if (!runner.cli) return { node: runner.node, script: entry, args: [], cwd: dir }
  return { node: runner.node, script: runner.cli, args: [entry, '--policy', policyPath(runner, caseName)], cwd: dir }
}

module.exports = { runners, autopolicyCommand, appCommand }
