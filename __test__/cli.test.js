'use strict'
// The `lavamoat` command line: options, aliases, defaults and its error messages.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const { makeProject, runCli, repoRoot } = require('./support/project')
const { makeTempDir } = require('./support/temp-dir')
const { runLava, defaults } = require('..')

// Every option and alias of the user guide users rely on.
const documentedOptions = {
  '--version': [],
  '--help': [],
  '--bin': ['-b'],
  '--policy': ['-p', '--policyPath'],
  '--policyOverride': ['-o', '--override', '--policyOverridePath'],
  '--policyDebug': ['--pd', '--policydebug', '--policyDebugPath'],
  '--writeAutoPolicy': ['-a', '--autopolicy'],
  '--writeAutoPolicyAndRun': ['--ar', '--autorun'],
  '--writeAutoPolicyDebug': ['--dp', '--debugpolicy'],
  '--projectRoot': [],
  '--debugMode': ['-d', '--debug'],
  '--statsMode': ['--stats'],
  '--scuttleGlobalThis': [],
  '--scuttleGlobalThisExceptions': [],
}

test('--help lists every documented option with its aliases and default paths', () => {
  const { status, stdout } = runCli(['--help'])
  assert.equal(status, 0)
  const flat = stdout.replace(/\s+/g, ' ')
  for (const [option, aliases] of Object.entries(documentedOptions)) {
    for (const name of [option, ...aliases]) {
      assert.match(flat, new RegExp(`(^|[ ,])${name}(,| )`), `${name} missing from --help`)
    }
  }
  for (const file of ['lavamoat/node/policy.json', 'lavamoat/node/policy-override.json', 'lavamoat/node/policy-debug.json']) {
    assert.ok(flat.includes(`[default: "${file}"]`), `default ${file} missing`)
  }
})

test('--version prints the package version', () => {
  const { status, stdout } = runCli(['--version'])
  assert.equal(status, 0)
  assert.equal(stdout.trim(), require('../package.json').version)
})

test('a missing entry path is an error that shows the usage', () => {
  const { status, stderr } = runCli([])
  assert.equal(status, 1)
  assert.match(stderr, /^Usage: lavamoat <entry> \[options\] \[-- app args\]\n\s+lavamoat --bin <name> /)
})

test('a misspelt option is an error that suggests the option and says where app arguments go', () => {
  const { status, stderr } = runCli(['app.js', '--polcy', 'x.json'])
  assert.equal(status, 1)
  assert.match(stderr, /^lavamoat: unknown option --polcy \(did you mean --policy\?\)\n/)
  assert.match(stderr, /after "--"/)
})

test('--scuttleGlobalThis with broken JSON is an error', () => {
  const { status, stderr } = runCli(['app.js', '--scuttleGlobalThis', '{"enabled":'])
  assert.equal(status, 1)
  assert.match(stderr, /--scuttleGlobalThis takes true, false or a JSON object/)
})

test('a broken override file stops --autopolicy with file, line and column, and no stack', () => {
  const root = makeProject({
    'package.json': { name: 'app' },
    'index.js': '',
    'lavamoat/node/policy-override.json': '{\n  "resources": {\n    "a": {"globals": {"x": tru}}\n  }\n}',
  })
  const { status, stderr } = runCli(['index.js', '--autopolicy'], { cwd: root })
  assert.equal(status, 1)
  const overridePath = path.join(root, 'lavamoat/node/policy-override.json')
  assert.ok(stderr.includes(`lavamoat: ${overridePath}:3:`), stderr)
  assert.doesNotMatch(stderr, /\n\s+at /)
  assert.equal(fs.existsSync(path.join(root, 'lavamoat/node/policy.json')), false)
})

test('a missing Rust core is said in one message, prefixed once', () => {
  // A copy of the package without its built core (and no prebuilt platform package).
  const copy = makeTempDir('lavamoat-nocore-')
  for (const entry of ['lib', 'index.js', 'package.json']) {
    fs.cpSync(path.join(repoRoot, entry), path.join(copy, entry), { recursive: true, filter: (file) => !file.endsWith('.node') })
  }
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'junction')
  const root = makeProject({ 'package.json': { name: 'app' }, 'index.js': '' })
  for (const args of [['index.js'], ['index.js', '--autopolicy']]) {
    const run = spawnSync(process.execPath, [path.join(copy, 'lib', 'cli.js'), ...args], { cwd: root, encoding: 'utf8' })
    assert.equal(run.status, 1)
    assert.match(run.stderr, /^lavamoat: there is no prebuilt Rust core of lavamoat@[\w.-]+ for [\w-]+\.\nBuild it from source with `npm rebuild lavamoat`/)
    assert.equal(run.stderr.split('lavamoat:').length, 2, run.stderr)
  }
})

test('runLava needs an entry path', async () => {
  await assert.rejects(runLava({}), { code: 'LAVAMOAT_OPTIONS' })
})

test('runLava defaults are the documented ones', () => {
  assert.equal(defaults.policyPath, 'lavamoat/node/policy.json')
  assert.equal(defaults.policyOverridePath, 'lavamoat/node/policy-override.json')
  assert.equal(defaults.policyDebugPath, 'lavamoat/node/policy-debug.json')
  for (const flag of ['writeAutoPolicy', 'writeAutoPolicyDebug', 'writeAutoPolicyAndRun', 'debugMode', 'statsMode']) {
    assert.equal(defaults[flag], false, flag)
  }
})

test('a run with a policy prints nothing of its own: stderr stays empty', () => {
  // The kernel reads Node's internal bindings and enables a compile cache; neither may print
  // a warning (a deprecation notice on every start would be noise users cannot turn off).
  const root = makeProject({
    'package.json': { name: 'quiet', version: '1.0.0', dependencies: { dep: '1.0.0' } },
    'index.js': "console.log(require('dep'))\n",
    'node_modules/dep/package.json': { name: 'dep', version: '1.0.0' },
    'node_modules/dep/index.js': "module.exports = require('events').name + ':' + typeof require('http').request\n",
    'lavamoat/node/policy.json': { resources: { dep: { builtin: { events: true, 'http.request': true } } } },
  })
  const { status, stdout, stderr } = runCli(['index.js'], { cwd: root })
  assert.equal(status, 0, stderr)
  assert.equal(stdout, 'EventEmitter:function\n')
  assert.equal(stderr, '')
})
