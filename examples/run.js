'use strict'
// `npm run example`: installs the example app's dependencies, writes its policy with
// `lavamoat --autopolicy`, then runs it under that policy, where one dependency is refused what
// the policy does not grant.

const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const app = path.join(__dirname, 'app')
const cli = path.join(__dirname, '..', 'lib', 'cli.js')

function step(title, command, args) {
  console.error(`\n> ${title}: ${[command, ...args].join(' ')}`)
  const result = spawnSync(command, args, { cwd: app, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

// npm records what it installed in node_modules/.package-lock.json: an install older than the
// lockfile (the example gained a dependency since) is redone.
function installIsCurrent() {
  try {
    const installed = fs.statSync(path.join(app, 'node_modules', '.package-lock.json')).mtimeMs
    return installed >= fs.statSync(path.join(app, 'package-lock.json')).mtimeMs
  } catch {
    return false
  }
}

if (!installIsCurrent()) {
  step('install the app\'s dependencies', 'npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'])
}
step('write the policy', process.execPath, [cli, 'index.js', '--autopolicy'])
console.error(`\npolicy: ${path.join(app, 'lavamoat', 'node', 'policy.json')}`)
step('run the app under the policy', process.execPath, [cli, 'index.js'])
