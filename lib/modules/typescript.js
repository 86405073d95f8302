'use strict'
// TypeScript files (`.ts`, `.mts`, `.cts`) run as Node runs them: its own type stripping turns
// them into JavaScript, which then loads like any module, under the same policy. Where Node
// would not run them (a Node without type stripping, a file under node_modules), neither do we,
// with Node's error.

const path = require('node:path')

const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts'])

function isTypeScript(file) {
  return TYPESCRIPT_EXTENSIONS.has(path.extname(file))
}

/** The JavaScript Node runs for the TypeScript `source` of `file`. */
function stripTypes(source, file) {
  // `strip` (the default from Node 22.18 and 23.6) or `transform` (--experimental-transform-types).
  const mode = process.features.typescript
  const { stripTypeScriptTypes } = require('node:module')
  if (!mode || typeof stripTypeScriptTypes !== 'function') {
    throw Object.assign(
      new TypeError(
        `Unknown file extension "${path.extname(file)}" for ${file}: this Node (${process.version}) does not run ` +
          'TypeScript. Node 22.18+ and 23.6+ strip types by default; elsewhere compile it first (tsc).',
      ),
      { code: 'ERR_UNKNOWN_FILE_EXTENSION' },
    )
  }
  if (file.split(path.sep).includes('node_modules')) {
    // Node's rule: a package must ship JavaScript.
    throw Object.assign(
      new Error(`Stripping types is currently unsupported for files under node_modules, for "${require('node:url').pathToFileURL(file).href}"`),
      { code: 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING' },
    )
  }
  // Stripping replaces types with spaces: lines and columns stay those of the file. Node runs
  // a .ts file without a word; the API it uses for that warns that it is experimental.
  const emitWarning = process.emitWarning
  process.emitWarning = () => {}
  try {
    return stripTypeScriptTypes(source, { mode })
  } finally {
    process.emitWarning = emitWarning
  }
}

module.exports = { isTypeScript, stripTypes }
