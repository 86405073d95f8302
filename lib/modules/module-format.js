'use strict'
// Which of Node's formats a file is loaded as: `.mjs` is an ES module, `.cjs` CommonJS, a `.js`
// file takes the `type` of the nearest package.json, and a `.js` file no `type` covers (or a
// file without extension) is an ES module when its syntax says so (import, export,
// import.meta), as Node 22+ detects it and as --autopolicy decides (src/autopolicy/format.rs).

const fs = require('node:fs')
const path = require('node:path')

/** directory -> "module" | "commonjs" | "" (no type declared) */
const typeByDir = new Map()

function packageTypeOf(dir) {
  const known = typeByDir.get(dir)
  if (known !== undefined) return known
  let type = ''
  const manifest = path.join(dir, 'package.json')
  let text
  try {
    text = fs.readFileSync(manifest, 'utf8')
  } catch {
    text = undefined
  }
  if (text !== undefined) {
    try {
      const declared = JSON.parse(text).type
      if (declared === 'module' || declared === 'commonjs') type = declared
    } catch {
      // A package.json that does not parse is reported where packages are indexed.
    }
  } else {
    const parent = path.dirname(dir)
    if (parent !== dir && path.basename(dir) !== 'node_modules') type = packageTypeOf(parent)
  }
  typeByDir.set(dir, type)
  return type
}

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
  if (extension === '.mjs') return 'esm'
  if (extension === '.cjs') return 'commonjs'
  if (extension === '.json') return 'json'
  if (extension === '.node') return 'native'
  const type = extension === '.js' ? packageTypeOf(path.dirname(file)) : ''
  if (type !== '') return type === 'module' ? 'esm' : 'commonjs'
  return hasModuleSyntax(file) ? 'esm' : 'commonjs'
}

function hasModuleSyntax(file) {
  let source
  try {
    source = fs.readFileSync(file, 'utf8')
  } catch {
    return false
  }
  // Speed: only a file that mentions the syntax is parsed.
  return /\b(?:import|export)\b/.test(source) && require('../native').hasModuleSyntax(source)
}

module.exports = { moduleFormat }
