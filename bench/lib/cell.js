'use strict'
// One cell of the table: a measurement, the reason it could not be made, or why it failed.

const { measure } = require('./measure')

/** Progress on stderr, only for a person watching: a log file gets the table alone. */
function progress(message) {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[Kbench: ${message}`)
}

function progressDone() {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K')
}

/**
 * `{ ms, rssMiB, runs }`, `{ error }` or `{ unavailable }`. `prepare` (such as writing the
 * policy the app then runs with) runs once, untimed, and returns `{ error }` on failure.
 */
function measureCell({ label, command, runs, unavailable, prepare }) {
  if (unavailable) return { unavailable }
  if (prepare) {
    progress(`${label}: preparing`)
    const prepared = prepare()
    if (prepared.error) return { error: prepared.error }
  }
  return measure(command, runs, (run) => progress(`${label}: run ${run}/${runs}`))
}

module.exports = { measureCell, progress, progressDone }
