'use strict'
// Installs a test project (the compat corpus, the dev tools project) from its lockfile when it
// is not installed yet, without install scripts; a finished install is reused.

const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

/** npm writes node_modules/.package-lock.json last: its presence means a finished install. */
const isInstalled = (dir) => fs.existsSync(path.join(dir, 'node_modules', '.package-lock.json'))

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/**
 * `npm ci --ignore-scripts` in dir unless it is installed; throws with npm's stderr if it fails.
 * Test files run two at a time and several use one project (the tools project): one installs,
 * the others wait for it (a lock directory, made atomically, removed whatever happens).
 */
function installIfMissing(dir, { timeout = 300_000 } = {}) {
  const lock = path.join(dir, '.npm-ci.lock')
  const deadline = Date.now() + timeout
  while (!isInstalled(dir)) {
    try {
      fs.mkdirSync(lock)
    } catch (err) {
      if (err.code !== 'EEXIST') throw err
      assert.ok(Date.now() < deadline, `npm ci in ${dir}: still locked by ${lock} after ${timeout} ms`)
      sleep(500)
      continue
    }
    try {
      if (isInstalled(dir)) return
      // shell: npm.cmd is a batch file, which Windows only runs through a shell.
      const install = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8', timeout, shell: process.platform === 'win32' })
      assert.equal(install.status, 0, `npm ci in ${dir} failed:\n${install.stderr}`)
    } finally {
      fs.rmSync(lock, { recursive: true, force: true })
    }
  }
}

module.exports = { isInstalled, installIfMissing }
