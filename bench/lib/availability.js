'use strict'
// Whether our lavamoat can run here (the addon loads), and if not, why: the bench reports the reason in
// place of numbers instead of failing. Asked in a child process on the measured Node binary
// so that a broken addon cannot take the harness down. Run directly, this file is that child.

const { spawnSync } = require('node:child_process')
const path = require('node:path')

const { repoRoot } = require('./paths')

function probe() {
  try {
    require(path.join(repoRoot, 'lib', 'native.js'))
    return { autopolicy: null, runtime: null, floor: null }
  } catch (err) {
    const reason = `the addon does not load: ${err.message.split('\n')[0]}`
    return { autopolicy: reason, runtime: reason, floor: reason }
  }
}

/** `{ autopolicy, runtime, floor }`: null where ours is available, else the reason. */
function oursAvailability(node) {
  const result = spawnSync(node, [__filename], { encoding: 'utf8' })
  try {
    return JSON.parse(result.stdout)
  } catch {
    const reason = `availability probe failed: ${(result.stderr || result.error?.message || '').trim().split('\n')[0]}`
    return { autopolicy: reason, runtime: reason, floor: reason }
  }
}

if (require.main === module) {
  process.stdout.write(JSON.stringify(probe()))
}

module.exports = { oursAvailability }
