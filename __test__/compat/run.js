'use strict'
// `npm run compat`: run the compat corpora (every case, `--sample`, one `--tier`, or the cases
// named) under plain node and lavamoat, print a table and `N passed, M failed`.
//
//   node __test__/compat/run.js [names...] [--sample] [--tier 1|2] [--json out.json]
//        [--policies dir] [--reference <dir with lavamoat@11.1.4 installed> --node <node 24>]
//
// Each corpus must be installed first: `npm ci --ignore-scripts` in its directory (and
// `npm rebuild better-sqlite3` for that case: README.md here).

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { parseArgs } = require('node:util')
const { spawnSync } = require('node:child_process')

const { corpora, oursCli, allCaseNames, runCases } = require('./runner')
const { sample } = require('./sample')

function parseOptions(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      sample: { type: 'boolean', default: false },
      json: { type: 'string' },
      policies: { type: 'string' },
      reference: { type: 'string' },
      node: { type: 'string', default: process.execPath },
      concurrency: { type: 'string', default: '2' },
      tier: { type: 'string' },
    },
  })
  if (values.tier !== undefined && !['1', '2'].includes(values.tier)) throw new Error(`compat: --tier is 1 or 2, not ${values.tier}`)
  const tiers = corpora().filter(({ prefix }) => values.tier === undefined || (values.tier === '1') === (prefix === ''))
  const known = new Set(allCaseNames(tiers))
  const unknown = positionals.filter((name) => !known.has(name))
  if (unknown.length > 0) throw new Error(`compat: no such case: ${unknown.join(', ')}`)
  const names = positionals.length > 0 ? positionals : values.sample ? sample : [...known]
  const cli = values.reference ? path.resolve(values.reference, 'node_modules', 'lavamoat', 'src', 'cli.js') : oursCli
  return { ...values, names, cli, node: path.resolve(values.node), concurrency: Number(values.concurrency) }
}

const pad = (text, width) => String(text).padEnd(width)
const seconds = (ms) => (ms === undefined ? '-' : (ms / 1000).toFixed(1))

function printRow(result) {
  const { name, status, stage, cause, ms } = result
  const times = [ms.plain, ms.autopolicy, ms.run].map(seconds).join(' / ')
  console.log(`${pad(name, 28)} ${pad(status.toUpperCase(), 5)} ${pad(times, 18)} ${status === 'pass' ? '' : `${stage}: ${cause}`}`)
}

async function main() {
  const options = parseOptions(process.argv.slice(2))
  const used = corpora().filter(({ prefix }) => options.names.some((name) => (prefix === '' ? !name.includes('/') : name.startsWith(prefix))))
  for (const { dir } of used) {
    if (!fs.existsSync(path.join(dir, 'node_modules', '.package-lock.json'))) {
      throw new Error(`compat: a corpus is not installed: run \`npm ci --ignore-scripts\` in ${path.relative(process.cwd(), dir)}`)
    }
  }
  const policyDir = options.policies ? path.resolve(options.policies) : fs.mkdtempSync(path.join(os.tmpdir(), 'lavamoat-compat-'))
  fs.mkdirSync(policyDir, { recursive: true })
  const nodeVersion = spawnSync(options.node, ['--version'], { encoding: 'utf8' }).stdout.trim()
  console.log(`compat: ${options.names.length} cases, node ${nodeVersion}, ${path.relative(process.cwd(), options.cli) || options.cli}`)
  console.log(`${pad('case', 28)} ${pad('', 5)} ${pad('plain/auto/run s', 18)} cause`)
  const started = Date.now()
  let results
  try {
    results = await runCases(options.names, { node: options.node, cli: options.cli, policyDir }, { concurrency: options.concurrency, onResult: printRow })
  } finally {
    if (!options.policies) fs.rmSync(policyDir, { recursive: true, force: true })
  }
  const count = (status) => results.filter((result) => result.status === status).length
  const skipped = count('skip')
  const totalMs = Date.now() - started
  console.log(`\n${count('pass')} passed, ${count('fail')} failed${skipped ? `, ${skipped} skipped (plain node fails)` : ''} in ${seconds(totalMs)} s`)
  if (options.json) {
    const report = { date: new Date().toISOString(), node: nodeVersion, cli: options.cli, totalMs, passed: count('pass'), failed: count('fail'), skipped, results }
    fs.writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`)
  }
  process.exitCode = count('fail') > 0 ? 1 : 0
}

main().catch((error) => {
  console.error(error.message)
  process.exitCode = 2
})
