'use strict'
// Runs one command N times and keeps the medians of its wall time and peak RSS.

const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const probe = path.join(__dirname, 'rss-probe.js')
const TIMEOUT_MS = 20 * 60 * 1000

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** The first line that states an error (`TypeError: ...`, the peer's `error › ...`), not a frame. */
function errorLine(lines) {
  return lines.find((line) => /(^|: )\w*Error\b|^\s*error\b/.test(line))?.trim()
}

/**
 * The error's own line, then the last lines a failed command printed: enough to tell why
 * without flooding the table (a stack's last frames alone rarely say it).
 */
function failureReason(result) {
  if (result.error) return result.error.message
  const text = `${result.stderr}\n${result.stdout}`.trim().split('\n').filter(Boolean)
  const message = errorLine(text)
  const lines = message ? [message, ...text.slice(-2).filter((line) => line !== message)] : text.slice(-3)
  const signal = result.signal ? `killed by ${result.signal}` : `exit ${result.status}`
  return `${signal}: ${lines.join(' | ').slice(0, 300)}`
}

/**
 * One run of `node [nodeArgs] script args` in `cwd`, with the RSS probe preloaded.
 * Returns { ms, rssKiB, stdout } or { error }; with `expectStdout`, printing anything else is
 * an error (a runtime that runs an app must print what plain node prints).
 */
function runOnce({ node, script, args = [], cwd, env, expectStdout }) {
  const rssFile = path.join(os.tmpdir(), `lavamoat-bench-rss-${process.pid}-${Date.now()}`)
  const started = process.hrtime.bigint()
  const result = spawnSync(node, ['-r', probe, script, ...args], {
    cwd,
    env: { ...process.env, ...env, LAVAMOAT_BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: TIMEOUT_MS,
  })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  let rssKiB
  try {
    rssKiB = Number(fs.readFileSync(rssFile, 'utf8'))
    fs.rmSync(rssFile)
  } catch {
    rssKiB = undefined
  }
  if (result.error || result.status !== 0) return { error: failureReason(result) }
  if (expectStdout !== undefined && result.stdout !== expectStdout) {
    const message = errorLine(result.stderr.split('\n'))
    return { error: `stdout differs from plain node's: ${JSON.stringify(result.stdout.slice(0, 120))}${message ? ` (stderr: ${message.slice(0, 200)})` : ''}` }
  }
  // Apps that time their own work print it (hot-loops.js).
  const work = /^bench-work-ms: ([\d.]+)$/m.exec(result.stdout)
  return { ms, rssKiB, stdout: result.stdout, workMs: work ? Number(work[1]) : undefined }
}

/** Median of `runs` runs; the first failure ends the cell with its reason. */
function measure(command, runs, onRun = () => {}) {
  const samples = []
  for (let i = 0; i < runs; i++) {
    const sample = runOnce(command)
    onRun(i + 1, sample)
    if (sample.error) return { error: sample.error }
    samples.push(sample)
  }
  const rss = samples.map((s) => s.rssKiB).filter((v) => Number.isFinite(v))
  const work = samples.map((s) => s.workMs)
  return {
    ms: median(samples.map((s) => s.ms)),
    rssMiB: rss.length ? median(rss) / 1024 : undefined,
    workMs: work.every(Number.isFinite) ? median(work) : undefined,
    runs: samples.length,
  }
}

module.exports = { measure, runOnce }
