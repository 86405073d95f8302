'use strict'
// Test support: real project trees in temporary directories, and the real CLI run on them.

const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const { makeTempDir } = require('./temp-dir')

const repoRoot = path.join(__dirname, '..', '..')
const cliPath = path.join(repoRoot, 'lib', 'cli.js')

/**
 * Writes `files` ({ 'relative/path': content }) into a new temporary directory. Objects are
 * written as JSON. Returns the directory, removed when the test file is done.
 */
function makeProject(files, prefix = 'lavamoat-test-') {
  const root = makeTempDir(prefix)
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(root, file)
    fs.mkdirSync(path.dirname(full), { recursive: true })
    const bytes = typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2)
    fs.writeFileSync(full, bytes)
  }
  return root
}

/** Runs `lavamoat <args>` in `cwd` with the node running the tests. */
function runCli(args, { cwd, env, input } = {}) {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    input,
    timeout: 120_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

module.exports = { makeProject, runCli, repoRoot, cliPath }
