'use strict'
// Section 3: real ES module apps (bench/esm-apps/, and the test suite's run-esm) under plain
// node, ours and the peer (`--peer`). Each runtime writes its own policy, then runs the app
// with it and must print what plain node prints: two tables, policy generation and run.

const fs = require('node:fs')
const path = require('node:path')

const { esmAppsDir, generatedAppsDir, repoRoot } = require('./paths')
const { installProject } = require('./install')
const { autopolicyCommand, appCommand } = require('./runners')
const { runOnce } = require('./measure')
const { measureCell } = require('./cell')

const ENTRY = 'index.js'

function esmApps() {
  const own = fs.readdirSync(esmAppsDir).sort().map((name) => ({ name, dir: path.join(esmAppsDir, name) }))
  // Copied out of __test__/apps so that its install does not land in the tests' tree.
  const runEsm = path.join(generatedAppsDir, 'run-esm')
  fs.cpSync(path.join(repoRoot, '__test__', 'apps', 'run-esm'), runEsm, { recursive: true })
  return [...own, { name: 'run-esm', dir: runEsm }]
}

function esmAppsSection({ runs, runners, availability, cases }) {
  const node = runners.find((runner) => runner.id === 'node')
  const policyRunners = runners.filter((runner) => runner.id === 'ours' || runner.peer)
  const generation = []
  const run = []
  for (const app of esmApps()) {
    if (cases && !cases.includes(app.name)) continue
    installProject(app.dir)
    const nodeCommand = appCommand(node, app.dir, ENTRY, app.name)
    const nodeCell = measureCell({ label: `esm ${app.name} node`, command: nodeCommand, runs })
    const expected = runOnce(nodeCommand)
    const generationCells = { node: nodeCell }
    const runCells = { node: nodeCell }
    for (const runner of policyRunners) {
      const caseName = `esm-${app.name}`
      const unavailable = runner.unavailable ?? (runner.ours ? availability.autopolicy : null)
      const written = measureCell({
        label: `esm ${app.name} ${runner.id} policy`,
        command: autopolicyCommand(runner, app.dir, ENTRY, caseName),
        runs,
        unavailable,
      })
      generationCells[runner.id] = written
      runCells[runner.id] = written.error
        ? { error: 'no policy: its generation failed' }
        : measureCell({
            label: `esm ${app.name} ${runner.id} run`,
            command: { ...appCommand(runner, app.dir, ENTRY, caseName), expectStdout: expected.stdout },
            runs,
            unavailable,
          })
    }
    generation.push({ case: app.name, cells: generationCells })
    run.push({ case: app.name, cells: runCells })
  }
  return [
    { title: 'ES module apps, policy generation: `lavamoat index.js --autopolicy`, peer `lavamoat generate index.js` (node: `node index.js`)', rows: generation },
    { title: 'ES module apps, run with that policy, printing what node prints: `lavamoat index.js`, peer `lavamoat run index.js`', rows: run },
  ].filter((section) => section.rows.length > 0)
}

module.exports = { esmAppsSection }
