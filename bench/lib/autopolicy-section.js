'use strict'
// Section 1: `lavamoat index.js --autopolicy` on each project, next to plain `node index.js`
// (loading the same code without lavamoat) and the parse-only floor.

const path = require('node:path')

const { projectsDir } = require('./paths')
const { installProject } = require('./install')
const { autopolicyCommand, appCommand } = require('./runners')
const { floorFileList, floorCommand } = require('./floor')
const { measureCell } = require('./cell')

const ENTRY = 'index.js'

function autopolicySection({ projects, runs, runners, availability }) {
  const rows = []
  for (const name of projects) {
    const dir = path.join(projectsDir, name)
    installProject(dir)
    const cells = {}
    for (const runner of runners) {
      if (runner.appsOnly || runner.serversOnly) continue
      const command = runner.cli
        ? autopolicyCommand(runner, dir, ENTRY, `autopolicy-${name}`)
        : appCommand(runner, dir, ENTRY, name)
      cells[runner.id] = measureCell({
        label: `autopolicy ${name} ${runner.id}`,
        command,
        runs,
        unavailable: runner.ours ? availability.autopolicy : null,
      })
    }
    let files
    if (availability.floor) {
      cells.floor = { unavailable: availability.floor }
    } else {
      const list = floorFileList(dir, name)
      files = list.count
      cells.floor = list.error
        ? { error: list.error }
        : measureCell({ label: `autopolicy ${name} floor`, command: floorCommand(list.listFile), runs })
    }
    rows.push({ case: name, files, cells })
  }
  return { title: 'autopolicy: `lavamoat index.js --autopolicy` (node: `node index.js`)', rows }
}

module.exports = { autopolicySection }
