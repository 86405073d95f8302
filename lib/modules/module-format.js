'use strict'
// Which of Node's formats a file is loaded as, decided as --autopolicy decides it (the Rust
// core's module formats, src/autopolicy/format.rs): `.mjs` is an ES module, `.cjs` CommonJS,
// a `.js` file takes the `type` of the nearest package.json, and a `.js` file no `type` covers
// (or a file without extension) is an ES module when its syntax says so (import, export,
// import.meta), as Node 22+ detects it. TypeScript (`.mts`, `.cts`, `.ts`) likewise, its syntax
// read once its types are stripped.

const path = require('node:path')
const { readSource } = require('./module-source')

/** The Rust core's format decisions, made when first needed (the core loads with the kernel). */
let formats
/** file -> its format */
const formatByFile = new Map()

/** @returns {'esm' | 'commonjs' | 'json' | 'native'} */
function moduleFormat(file) {
  let format = formatByFile.get(file)
  if (format === undefined) {
    format = formatOf(file)
    formatByFile.set(file, format)
  }
  return format
}

function formatOf(file) {
  const extension = path.extname(file)
  if (extension === '.json') return 'json'
  if (extension === '.node') return 'native'
  formats ??= new (require('../native').ModuleFormats)()
  const declared = formats.format(file, extension)
  if (declared !== 'detect') return declared === 'module' ? 'esm' : 'commonjs'
  return hasModuleSyntax(file) ? 'esm' : 'commonjs'
}

function hasModuleSyntax(file) {
  let source
  try {
    source = readSource(file)
  } catch {
    return false
  }
  // Speed: only a file that mentions the syntax is parsed.
  return /\b(?:import|export)\b/.test(source) && require('../native').hasModuleSyntax(source)
}

module.exports = { moduleFormat }
