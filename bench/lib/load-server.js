'use strict'
// One run of the servers section, as a child process of the bench: start a server, wait for
// the port it prints ("listening <port>"), load it with autocannon (a warm-up, then the measured
// load), print `{ rps, p99, cpuUsPerRequest, body }` as JSON and kill the server. A child process because the
// rest of the bench is synchronous (spawnSync) and autocannon is not; and because a child that
// owns its server can kill it on every way out (an error, a timeout, a signal from the bench).
//
//   node load-server.js '<json: { node, args, cwd, path, seconds, warmupSeconds, connections }>'

const { spawn } = require('node:child_process')
const fs = require('node:fs')
const autocannon = require('autocannon')

const START_TIMEOUT_MS = 60_000
// USER_HZ of /proc/<pid>/stat: 100 on every Linux Node runs on.
const CLOCK_TICKS = 100

let server = null

function killServer() {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL')
}

// 'exit' covers a normal end and process.exit; the signals cover the bench's spawnSync timeout.
process.on('exit', killServer)
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => {
    killServer()
    process.exit(1)
  })
}

/** Resolves with the port once the server prints it; rejects when it exits or stays silent. */
function started(child) {
  return new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => reject(new Error(`no "listening <port>" within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS)
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      const match = /^listening (\d+)$/m.exec(stdout)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      // The error's own line first: a stack's last frames rarely say why.
      const lines = stderr.trim().split('\n').filter(Boolean)
      const message = lines.find((line) => /(^|: )\w*Error\b/.test(line))
      const said = [...(message ? [message.trim()] : []), ...lines.slice(-2).map((line) => line.trim())].join(' | ')
      reject(new Error(`the server exited (${signal ?? `exit ${code}`}) before listening: ${said.slice(0, 400)}`))
    })
    child.on('error', reject)
  })
}

/**
 * The CPU time (user + system, ms) the server process has used, from /proc (Linux); undefined
 * elsewhere. Per request it is steadier than requests/s on a shared machine: time the server
 * waits for a core that another process holds is not in it.
 */
function cpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
  } catch {
    return undefined
  }
}

function load(url, seconds, connections) {
  return autocannon({ url, connections, duration: seconds })
}

async function main() {
  const job = JSON.parse(process.argv[2])
  server = spawn(job.node, job.args, { cwd: job.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  const port = await started(server)
  const url = `http://127.0.0.1:${port}${job.path}`
  // What the route answers, so that the bench can tell a server that serves from one that fails.
  const body = await (await fetch(url)).text()
  // The first requests compile the hot paths (and, under lavamoat, fill its caches): unmeasured.
  await load(url, job.warmupSeconds, job.connections)
  const cpuBefore = cpuMs(server.pid)
  const result = await load(url, job.seconds, job.connections)
  const cpuAfter = cpuMs(server.pid)
  // A server that answers errors (a refused builtin, a 500) is not a measurement of serving.
  const failed = result.errors + result.timeouts + result.non2xx
  if (result.requests.total === 0 || failed > 0) {
    throw new Error(`${failed} of ${result.requests.total + failed} requests failed (errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`)
  }
  process.stdout.write(JSON.stringify({
    rps: result.requests.average,
    p99: result.latency.p99,
    cpuUsPerRequest: cpuBefore === undefined || cpuAfter === undefined ? undefined : ((cpuAfter - cpuBefore) * 1000) / result.requests.total,
    body,
  }))
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err.message)
    process.exit(1)
  }
)
