'use strict'
// The throughput of the Rust ESM transform (src/transform/esm), on the ES modules of the large bench
// tree: every `.mjs` file and every `.js` file of a `"type": "module"` package. The runtime
// transforms one module at a time as it loads it, so this is one thread.

const fs = require('node:fs')
const path = require('node:path')

const { projectsDir } = require('./paths')
const { installProject } = require('./install')

function esmFiles(dir, isModulePackage, found) {
  let entries
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true })
  } catch {
    return
  }
  let moduleType = isModulePackage
  if (entries.some((entry) => entry.name === 'package.json')) {
    try {
      moduleType = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).type === 'module'
    } catch {
      moduleType = false
    }
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) esmFiles(full, moduleType, found)
    else if (entry.name.endsWith('.mjs') || (moduleType && entry.name.endsWith('.js'))) found.push(full)
  }
}

/** A one-line summary: files, megabytes, milliseconds, MB/s (or why it could not run). */
function esmTransformNote() {
  const { transformEsm } = require('../../lib/native')
  const project = path.join(projectsDir, 'large')
  installProject(project)
  const files = []
  esmFiles(path.join(project, 'node_modules'), false, files)
  const sources = files.map((file) => fs.readFileSync(file, 'utf8'))
  let bytes = 0
  let transformed = 0
  const started = process.hrtime.bigint()
  for (const source of sources) {
    try {
      transformEsm(source)
      transformed += 1
      bytes += Buffer.byteLength(source)
    } catch {
      // Not a valid module (a `.js` file of a module package that is a script): not counted.
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  const mb = bytes / 1e6
  return `ESM transform (Rust, one thread): ${transformed} modules of the large tree, ${mb.toFixed(1)} MB in ${ms.toFixed(0)} ms = ${(mb / (ms / 1000)).toFixed(0)} MB/s`
}

module.exports = { esmTransformNote }
