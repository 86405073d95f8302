'use strict'
// `npm test`'s node part: the node:test suites with the temp dir pointed at a fresh directory,
// so that whatever a test (or a lavamoat it runs) leaves behind is seen, reported and removed.
// Only compile caches are meant to outlive a run: lavamoat's (lib/cli/compile-cache.js), and
// Node's own, which npm 11 turns on under Node 22+ for the installs some tests run.
//
//   node __test__/support/run-suite.js [test files...]   (default: every __test__/*.test.js)

const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const testDir = path.join(__dirname, '..')
const isCompileCache = (name) => name.startsWith('lavamoat-compile-cache-') || name === 'node-compile-cache'

function defaultTestFiles() {
  return fs.readdirSync(testDir).filter((name) => name.endsWith('.test.js')).sort().map((name) => path.join(testDir, name))
}

function main() {
  const files = process.argv.length > 2 ? process.argv.slice(2) : defaultTestFiles()
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lavamoat-suite-')))
  let status
  try {
    // TMP and TEMP are where Windows looks; TMPDIR is where everything else does.
    const env = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp }
    const run = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit', env })
    status = run.status ?? 1
    const leftovers = fs.readdirSync(tmp).filter((name) => !isCompileCache(name))
    if (leftovers.length > 0) {
      console.error(`\nLeft in the temp dir by the tests (${leftovers.length}; each test must remove what it creates):`)
      for (const name of leftovers.sort()) console.error(`  ${name}`)
      if (status === 0) status = 1
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  process.exitCode = status
}

main()
