'use strict'
// Section 5: servers under load. Each server of bench/servers/ (express 4, fastify 5: one route,
// `GET /item/:id?q=`, a small JSON object) runs under plain node, node after lockdown, ours and
// the reference, each with the policy its own --autopolicy wrote, and is driven by autocannon
// for a fixed time, one server at a time (lib/load-server.js starts it and always kills it).
// What it measures is the cost per request of the membranes, not the start.

const path = require('node:path')
const { spawnSync } = require('node:child_process')

const { serversDir } = require('./paths')
const { installProject } = require('./install')
const { autopolicyCommand, appCommand } = require('./runners')
const { runOnce } = require('./measure')
const { progress } = require('./cell')

const SERVERS = [
  { name: 'express', title: 'express 4.22, res.json from a route with a path parameter and a query string' },
  { name: 'fastify', title: 'fastify 5.12, an async handler returning an object from the same route' },
]
const ENTRY = 'server.js'
const REQUEST_PATH = '/item/42?q=hello'
const CONNECTIONS = 32
const WARMUP_SECONDS = 1
// The ours@<major> runner (another Node) and the peer (ES module apps only) are left out: each
// cell here costs its duration per run, and the question is the membranes' cost per request.
// `baseline` (--baseline <dir>, another checkout) runs next to ours: a change's before and after.
const RUNNER_IDS = ['node', 'lockdown', 'baseline', 'ours', 'ref']
const loadServer = path.join(__dirname, 'load-server.js')

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** One run: `{ rps, p99, body }` or `{ error }`. */
function loadOnce(command, seconds) {
  const job = {
    node: command.node,
    args: [command.script, ...command.args],
    cwd: command.cwd,
    path: REQUEST_PATH,
    seconds,
    warmupSeconds: WARMUP_SECONDS,
    connections: CONNECTIONS,
  }
  // The driver runs on the bench's Node: autocannon is the same client for every runner.
  const result = spawnSync(process.execPath, [loadServer, JSON.stringify(job)], {
    encoding: 'utf8',
    timeout: (seconds + WARMUP_SECONDS + 120) * 1000,
  })
  if (result.status !== 0) {
    const why = result.stderr.trim().split('\n').filter(Boolean).slice(-2).join(' | ') || result.error?.message
    return { error: `${result.signal ? `killed by ${result.signal}` : `exit ${result.status}`}: ${why}`.slice(0, 400) }
  }
  return JSON.parse(result.stdout)
}

/** `{ rps, p99, cpuUsPerRequest, rpsAll, body, runs }` from a runner's samples: each figure the median of its own. */
function summary(samples) {
  return {
    rps: median(samples.map((s) => s.rps)),
    p99: median(samples.map((s) => s.p99)),
    cpuUsPerRequest: samples.every((s) => s.cpuUsPerRequest !== undefined) ? median(samples.map((s) => s.cpuUsPerRequest)) : undefined,
    rpsAll: samples.map((s) => Math.round(s.rps)),
    body: samples[0].body,
    runs: samples.length,
  }
}

/**
 * The cells of one server. Runs are interleaved (run 1 of every runner, then run 2, ...), so
 * that what the other tenants of a shared machine do over the minutes it takes weighs on every
 * runner alike. A runner's first failure ends its cell with the reason; so does an answer that
 * is not plain node's.
 */
function measureServer(server, compared, { runs, availability, seconds }) {
  const dir = path.join(serversDir, server.name)
  const cells = {}
  const commands = new Map()
  for (const runner of compared) {
    const unavailable = runner.unavailable ?? (runner.ours ? availability.runtime : null)
    if (unavailable) {
      cells[runner.id] = { unavailable }
      continue
    }
    const caseName = `server-${server.name}`
    if (runner.cli) {
      progress(`servers ${server.name} ${runner.id}: --autopolicy`)
      const written = runOnce(autopolicyCommand(runner, dir, ENTRY, caseName))
      if (written.error) {
        cells[runner.id] = { error: `--autopolicy failed: ${written.error}` }
        continue
      }
    }
    commands.set(runner.id, appCommand(runner, dir, ENTRY, caseName))
  }
  const samples = new Map([...commands.keys()].map((id) => [id, []]))
  let expectBody
  for (let i = 0; i < runs; i++) {
    for (const [id, command] of commands) {
      if (cells[id]) continue
      progress(`servers ${server.name} ${id}: run ${i + 1}/${runs}`)
      const sample = loadOnce(command, seconds)
      if (sample.error) {
        cells[id] = { error: sample.error }
      } else if (id === 'node') {
        expectBody ??= sample.body
        samples.get(id).push(sample)
      } else if (expectBody !== undefined && sample.body !== expectBody) {
        cells[id] = { error: `answered ${JSON.stringify(sample.body.slice(0, 120))}, plain node ${JSON.stringify(expectBody)}` }
      } else {
        samples.get(id).push(sample)
      }
    }
  }
  for (const [id, list] of samples) if (!cells[id]) cells[id] = summary(list)
  return cells
}

function serversSection({ runs, runners, availability, cases, seconds }) {
  const compared = RUNNER_IDS.map((id) => runners.find((runner) => runner.id === id)).filter(Boolean)
  const rows = []
  for (const server of SERVERS) {
    if (cases && !cases.includes(server.name)) continue
    installProject(path.join(serversDir, server.name))
    rows.push({ case: server.name, title: server.title, cells: measureServer(server, compared, { runs, availability, seconds }) })
  }
  if (rows.length === 0) return []
  return [
    {
      title: `servers: \`GET ${REQUEST_PATH}\`, autocannon ${CONNECTIONS} connections for ${seconds} s after ${WARMUP_SECONDS} s of warm-up; cells are requests/s, p99 latency and the server's CPU time per request, each the median of runs (requests/s of every run in results/latest.json)`,
      metric: 'rps',
      rows,
    },
  ]
}

module.exports = { serversSection }
