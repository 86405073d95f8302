'use strict'
// Section 2: apps run under each runtime, each with the policy its own --autopolicy wrote.

const { autopolicyCommand, appCommand } = require('./runners')
const { runOnce } = require('./measure')
const { runtimeApps } = require('./apps')
const { measureCell } = require('./cell')
const { esmTransformNote } = require('./esm-transform')

function runtimeSection({ runs, runners, availability, cases }) {
  const rows = []
  for (const app of runtimeApps()) {
    if (cases && !cases.includes(app.name)) continue
    const cells = {}
    for (const runner of runners) {
      if ((runner.esmAppsOnly && !app.esm) || runner.serversOnly) continue
      const caseName = `runtime-${app.name}`
      cells[runner.id] = measureCell({
        label: `runtime ${app.name} ${runner.id}`,
        command: appCommand(runner, app.dir, app.entry, caseName),
        runs,
        unavailable: runner.unavailable ?? (runner.ours ? availability.runtime : null),
        prepare: runner.cli
          ? () => {
              const written = runOnce(autopolicyCommand(runner, app.dir, app.entry, caseName))
              return written.error ? { error: `--autopolicy failed: ${written.error}` } : {}
            }
          : null,
      })
    }
    rows.push({ case: app.name, title: app.title, cells })
  }
  const main = { title: 'runtime: `lavamoat app.js` (node: `node app.js`)', rows }
  if (!cases || cases.includes('many-esm-packages')) main.note = esmTransformNote()
  return [main, workSection(rows)].filter((section) => section.rows.length > 0)
}

/** The same runs, timed by the apps that time their own work: what a package's code costs. */
function workSection(rows) {
  const timed = rows
    .filter((row) => Object.values(row.cells).some((cell) => cell.workMs !== undefined))
    .map((row) => ({
      case: row.case,
      cells: Object.fromEntries(
        Object.entries(row.cells).map(([id, cell]) => [id, cell.workMs === undefined ? cell : { ms: cell.workMs, rssMiB: null }])
      ),
    }))
  return { title: "work inside the package, by the app's own clock (start excluded)", rows: timed }
}

module.exports = { runtimeSection }
