'use strict'
// Temporary directories of a test file, removed once its tests are done, whether they passed
// or failed (`npm test` fails when anything is left in the temp dir: __test__/support/run-suite.js).

const { after } = require('node:test')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const created = new Set()

after(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true })
})

/** A new empty directory in the temp dir, by its real path (macOS's temp dir is a symlink). */
function makeTempDir(prefix) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)))
  created.add(dir)
  return dir
}

module.exports = { makeTempDir }
