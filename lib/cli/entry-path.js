'use strict'
// `lavamoat .` and `lavamoat some-dir` run what `node .` runs: the directory's package.json
// "main", else its index.js. Node's own resolver decides (a main without extension, a main
// that is itself a directory, .js/.json/.node), so the choice is exactly node's.

const fs = require('node:fs')
const path = require('node:path')

/**
 * The file to run for the entry argument `entry` (relative to `projectRoot`): the argument
 * itself unless it names a directory.
 * @param {string} entry as typed
 * @param {string} projectRoot
 */
function resolveEntry(entry, projectRoot) {
  const full = path.resolve(projectRoot, entry)
  if (!isDirectory(full)) return entry
  try {
    // The trailing separator makes it a directory lookup (a sibling `dir.js` is not the dir).
    return require.resolve(full.endsWith(path.sep) ? full : full + path.sep)
  } catch (err) {
    if (err.code !== 'MODULE_NOT_FOUND') throw err
    throw Object.assign(
      new Error(`the entry "${entry}" is a directory with no file to run: neither its package.json "main" nor an index.js exists`),
      { code: 'LAVAMOAT_ENTRY_NOT_FOUND' },
    )
  }
}

/** A missing path, or one under a file (ENOTDIR), is left to the kernel's "could not find the entry". */
function isDirectory(file) {
  try {
    return fs.statSync(file).isDirectory()
  } catch {
    return false
  }
}

module.exports = { resolveEntry }
