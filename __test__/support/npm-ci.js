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

/** `npm ci --ignore-scripts` in dir unless it is installed; throws with npm's stderr if it fails. */
function installIfMissing(dir, { timeout = 300_000 } = {}) {
  if (isInstalled(dir)) return
  // shell: npm.cmd is a batch file, which Windows only runs through a shell.
  const install = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8', timeout, shell: process.platform === 'win32' })
  assert.equal(install.status, 0, `npm ci in ${dir} failed:\n${install.stderr}`)
}

module.exports = { isInstalled, installIfMissing }
