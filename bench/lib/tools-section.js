'use strict'
// Section 4: dev tools run through their bins (the project of __test__/tools): the tool under
// plain node next to `lavamoat --bin <tool>` with the policy `--autopolicy` wrote for it (its
// learning run included). The reference has no --bin, so it has no column here.

const path = require('node:path')

const { repoRoot, policiesDir } = require('./paths')
const { installProject } = require('./install')
const { runOnce } = require('./measure')
const { measureCell } = require('./cell')

const toolsDir = path.join(repoRoot, '__test__', 'tools')

/** Quick tools: what a tool's start costs shows, not its work. */
const TOOLS = [
  { name: 'eslint', bin: 'eslint', args: ['src'] },
  { name: 'mocha', bin: 'mocha', args: ['--reporter', 'tap'] },
  { name: 'babel', bin: 'babel', args: ['src/math.js'] },
]

function toolCommands(runner, tool) {
  const policyDir = path.join(policiesDir, runner.id, `tool-${tool.name}`)
  const lavamoat = [
    '--bin', tool.bin,
    '--policy', path.join(policyDir, 'policy.json'),
    '--policyOverride', path.join(policyDir, 'policy-override.json'),
  ]
  return {
    autopolicy: { node: runner.node, script: runner.cli, args: [...lavamoat, '--autopolicy', '--', ...tool.args], cwd: toolsDir },
    run: { node: runner.node, script: runner.cli, args: [...lavamoat, '--', ...tool.args], cwd: toolsDir },
  }
}

function toolsSection({ runs, runners, cases }) {
  const node = runners.find((runner) => runner.id === 'node')
  const ours = runners.filter((runner) => runner.ours)
  installProject(toolsDir)
  const rows = []
  for (const tool of TOOLS) {
    if (cases && !cases.includes(tool.name)) continue
    const plain = { node: node.node, script: path.join(toolsDir, 'node_modules', '.bin', tool.bin), args: tool.args, cwd: toolsDir }
    const expected = runOnce(plain)
    const cells = { node: measureCell({ label: `tool ${tool.name} node`, command: plain, runs }) }
    for (const runner of ours) {
      const commands = toolCommands(runner, tool)
      cells[runner.id] = measureCell({
        label: `tool ${tool.name} ${runner.id}`,
        command: { ...commands.run, expectStdout: expected.stdout },
        runs,
        // The learning run is a run of the tool: once, before the measured runs.
        prepare: () => runOnce(commands.autopolicy),
      })
    }
    rows.push({ case: `${tool.name} ${tool.args.join(' ')}`.trim(), cells })
  }
  return rows.length > 0
    ? [{ title: 'Dev tools, start and run: `lavamoat --bin <tool> -- <args>` with the policy its `--autopolicy` wrote (node: the bin under plain node)', rows }]
    : []
}

module.exports = { toolsSection }
