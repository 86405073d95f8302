'use strict'
// Run the dev tools of the tools project (README.md here) under plain node and under
// `lavamoat --bin`, print a table and `N passed, M failed`.
//
//   node __test__/tools/run.js [tools...] [--json out.json] [--node <node binary>]
//        [--concurrency N]
//
// The project must be installed first: `npm ci --ignore-scripts` in __test__/tools.

const fs = require('node:fs')
const path = require('node:path')
const { parseArgs } = require('node:util')
const { spawnSync } = require('node:child_process')

const { oursCli, toolNames, isInstalled, runTools } = require('./runner')

function parseOptions(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'string' },
      node: { type: 'string', default: process.execPath },
      concurrency: { type: 'string', default: '1' },
    },
  })
  const unknown = positionals.filter((name) => !toolNames.includes(name))
  if (unknown.length > 0) throw new Error(`tools: no such tool: ${unknown.join(', ')} (there are ${toolNames.join(', ')})`)
  const names = positionals.length > 0 ? positionals : toolNames
  return { ...values, names, node: path.resolve(values.node), concurrency: Number(values.concurrency) }
}

const pad = (text, width) => String(text ?? '-').padEnd(width)
const seconds = (ms) => (ms === undefined ? '-' : (ms / 1000).toFixed(1))

function printRow({ name, status, stage, plainCode, oursCode, cause, ms }) {
  const times = [ms.plain, ms.autopolicy, ms.run].map(seconds).join(' / ')
  const why = status === 'pass' ? '' : `${stage}: ${cause}`
  console.log(`${pad(name, 10)} ${pad(plainCode, 6)} ${pad(oursCode, 6)} ${pad(status.toUpperCase(), 5)} ${pad(times, 18)} ${why}`)
}

async function main() {
  const options = parseOptions(process.argv.slice(2))
  if (!isInstalled()) throw new Error('tools: the project is not installed: run `npm ci --ignore-scripts` in __test__/tools')
  const nodeVersion = spawnSync(options.node, ['--version'], { encoding: 'utf8' }).stdout.trim()
  console.log(`tools: ${options.names.length} tools, node ${nodeVersion}, ${path.relative(process.cwd(), oursCli) || oursCli}`)
  console.log(`${pad('tool', 10)} ${pad('plain', 6)} ${pad('ours', 6)} ${pad('', 5)} ${pad('plain/auto/run s', 18)} first error`)
  const started = Date.now()
  const results = await runTools(options.names, { node: options.node, nodeVersion }, { concurrency: options.concurrency, onResult: printRow })
  const count = (status) => results.filter((result) => result.status === status).length
  const skipped = count('skip')
  const totalMs = Date.now() - started
  console.log(`\n${count('pass')} passed, ${count('fail')} failed${skipped ? `, ${skipped} skipped` : ''} in ${seconds(totalMs)} s`)
  if (options.json) {
    const report = { date: new Date().toISOString(), node: nodeVersion, cli: oursCli, totalMs, passed: count('pass'), failed: count('fail'), skipped, results }
    fs.writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`)
  }
  process.exitCode = count('fail') > 0 ? 1 : 0
}

main().catch((error) => {
  console.error(error.message)
  process.exitCode = 2
})
