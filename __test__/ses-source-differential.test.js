'use strict'
// The rewrite that makes a file's source acceptable to SES (src/transform/ses_source.rs, the ESM transform
// of src/transform/esm/) must never turn code that parses into code that does not: run over every
// .js/.cjs/.mjs file of real trees (the compatibility corpus, the dev tools, and the bench's
// large tree when it is installed), the module source LavaMoat evaluates must compile wherever
// Node compiles the file. A method named `eval` (less 4, @noble/curves 2) did not.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const vm = require('node:vm')
const { installIfMissing } = require('./support/npm-ci')
const { loadModuleFunctionSource, loadEsmRecord, boundGlobalNames } = require('../lib/modules/module-source')
const { moduleFormat } = require('../lib/modules/module-format')

const MODULE_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname']

function* javascriptFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* javascriptFiles(file)
    else if (entry.isFile() && /\.(c|m)?js$/.test(entry.name)) yield file
  }
}

const compiles = (compile) => {
  try {
    compile()
    return true
  } catch {
    return false
  }
}

/** A file Node parses whose rewritten source does not compile, with why; undefined if fine. */
function brokenRewrite(file) {
  const source = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/^#!.*/, '')
  if (moduleFormat(file) === 'esm') {
    let functorSource
    try {
      functorSource = loadEsmRecord(file).functorSource
    } catch {
      return undefined // not a module Node would parse: nothing to keep
    }
    return compiles(() => new vm.Script(functorSource)) ? undefined : 'its ES module functor does not compile'
  }
  if (!compiles(() => vm.compileFunction(source, MODULE_PARAMETERS))) return undefined
  const moduleSource = loadModuleFunctionSource(file, boundGlobalNames())
  return compiles(() => new vm.Script(moduleSource)) ? undefined : 'its module function does not compile'
}

const trees = [
  { dir: path.join(__dirname, 'compat'), install: true },
  { dir: path.join(__dirname, 'tools'), install: true },
  { dir: path.join(__dirname, '..', 'bench', 'projects', 'large'), install: false },
]

for (const { dir, install } of trees) {
  const name = path.relative(path.join(__dirname, '..'), dir)
  const nodeModules = path.join(dir, 'node_modules')
  test(`the SES rewrite keeps every file of ${name} compiling`, { skip: !install && !fs.existsSync(nodeModules) && 'not installed (npm run bench installs it)', timeout: 600_000 }, () => {
    if (install) installIfMissing(dir)
    const broken = []
    let checked = 0
    for (const file of javascriptFiles(nodeModules)) {
      checked++
      const why = brokenRewrite(file)
      if (why) broken.push(`${path.relative(dir, file)}: ${why}`)
    }
    assert.ok(checked > 1000, `only ${checked} files under ${nodeModules}`)
    assert.deepEqual(broken, [])
  })
}
