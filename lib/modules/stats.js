'use strict'
// --statsMode: times each module's initialisation as a nested tree and, when the entry
// finishes, writes it as a flame-graph JSON file in the working directory.

const fs = require('node:fs')
const { now, warn } = require('../compartments/host')

function makeStatsRecorder() {
  const stack = []
  return {
    start(moduleId) {
      const record = { name: moduleId, value: null, children: [], startTime: now(), endTime: null }
      if (stack.length > 0) stack[stack.length - 1].children.push(record)
      stack.push(record)
    },
    end(moduleId) {
      const record = stack.pop()
      if (record === undefined || record.name !== moduleId) {
        warn(`lavamoat: stats out of order: ended "${moduleId}" while timing "${record && record.name}"`)
        return
      }
      record.endTime = now()
      record.value = record.endTime - record.startTime
      if (stack.length === 0) {
        record.version = 1
        writeStats(record)
      }
    },
  }
}

function writeStats(tree) {
  const graphId = now()
  warn(`lavamoat: completed module graph init "${graphId}" in ${tree.value}ms ("${tree.name}")`)
  const statsFilePath = `./lavamoat-flame-${graphId}.json`
  warn(`lavamoat: wrote stats file to "${statsFilePath}"`)
  fs.writeFileSync(statsFilePath, JSON.stringify(tree, null, 2))
}

const noStats = Object.freeze({ start() {}, end() {} })

module.exports = { makeStatsRecorder, noStats }
