'use strict'
// `npm run bench`: plain node, our lavamoat and the reference lavamoat@11.1.4, side by side.
// A measurement, not a test: it prints a table (and writes results/latest.json) whatever the
// numbers are. See README.md, "Benchmarks". `--check` is the exception, CI's (lib/check.js).

const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const { parseBenchArgs } = require('./lib/args')
const { resultsDir, node24 } = require('./lib/paths')
const { installToolchain } = require('./lib/install')
const { runners } = require('./lib/runners')
const { oursAvailability } = require('./lib/availability')
const { autopolicySection } = require('./lib/autopolicy-section')
const { runtimeSection } = require('./lib/runtime-section')
const { esmAppsSection } = require('./lib/esm-apps-section')
const { toolsSection } = require('./lib/tools-section')
const { serversSection } = require('./lib/servers-section')
const { progressDone } = require('./lib/cell')
const { renderReport } = require('./lib/table')
const { runCheck } = require('./lib/check')

const SECTIONS = { autopolicy: autopolicySection, runtime: runtimeSection, esm: esmAppsSection, tools: toolsSection, servers: serversSection }

function main() {
  const options = parseBenchArgs(process.argv.slice(2))
  if (options.check) {
    process.exitCode = runCheck(options)
    return
  }
  installToolchain()
  const node24Version = spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim()
  const compared = runners(node24Version, options.peerDir, options.baselineDir)
  const context = { ...options, runners: compared, availability: oursAvailability(node24) }
  const sections = options.sections.flatMap((name) => SECTIONS[name](context))
  progressDone()
  const report = {
    date: new Date().toISOString(),
    runs: options.runs,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown CPU',
      node24: node24Version,
      systemNode: process.version,
    },
    runners: compared.map((runner) => runner.id),
    sections,
  }
  fs.mkdirSync(resultsDir, { recursive: true })
  fs.writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`)
  console.log(renderReport(report))
}

main()
