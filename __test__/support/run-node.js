'use strict'
// Runs a node process for the corpus and the tools harness: output collected, a time limit,
// and nothing left behind. Each run is a process group of its own, killed when the run ends
// (workers and servers a tool or a case left running) or when this process exits; a group is
// out of reach of a Ctrl-C in the terminal, so the signals that end this process end the runs.

const { spawn } = require('node:child_process')

/** Groups of runs in progress. */
const running = new Set()

/** Kills a run's process group, if anything of it is left. */
function killGroup(pid) {
  if (process.platform === 'win32' || pid === undefined) return
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // ESRCH: the group is gone.
  }
}

const onExit = []
/** `cleanUp` runs, after the runs are killed, when this process exits or a signal ends it. */
function atExit(cleanUp) {
  onExit.push(cleanUp)
}

process.once('exit', () => {
  for (const pid of running) killGroup(pid)
  for (const cleanUp of onExit) cleanUp()
})
for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.once(signal, () => process.exit(128 + number))
}

/**
 * Runs `node args` in `cwd`; resolves with { code, stdout, stderr, ms }, where code is the
 * exit code, the signal, 'timeout' or `spawn error: ...`.
 */
function runNode(node, args, { cwd, env, timeoutMs }) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint()
    const child = spawn(node, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' })
    running.add(child.pid)
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => {
      timedOut = true
      killGroup(child.pid)
      child.kill('SIGKILL')
    }, timeoutMs)
    const done = (code, signal) => {
      clearTimeout(timer)
      killGroup(child.pid)
      running.delete(child.pid)
      const ms = Number((process.hrtime.bigint() - started) / 1_000_000n)
      resolve({ code: timedOut ? 'timeout' : (code ?? signal), stdout, stderr, ms })
    }
    child.on('error', (error) => done(`spawn error: ${error.message}`))
    child.on('close', done)
  })
}

module.exports = { runNode, atExit }
