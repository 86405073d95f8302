'use strict'
// --autopolicy on bad input: a clear error with a stable code, a non-zero exit, and the
// existing policy file left exactly as it was. Also: warnings the override already answers.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { makeProject, runCli } = require('./support/project')

const OLD_POLICY = '{\n  "resources": {\n  }\n}'

/** A project with a dependency `a` and an existing policy.json to be preserved. */
function project(extraFiles = {}) {
  return makeProject({
    'package.json': { name: 'app', dependencies: { a: '1.0.0' } },
    'index.js': "require('a')\n",
    'node_modules/a/package.json': { name: 'a', version: '1.0.0' },
    'node_modules/a/index.js': 'module.exports = process.pid\n',
    'lavamoat/node/policy.json': OLD_POLICY,
    ...extraFiles,
  })
}

function assertFailsKeepingPolicy(root, args, pattern) {
  const { status, stderr } = runCli(args, { cwd: root })
  assert.equal(status, 1, stderr)
  assert.match(stderr, pattern)
  assert.doesNotMatch(stderr, /\n\s+at .*lib\//, 'configuration errors carry no stack')
  assert.equal(fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8'), OLD_POLICY)
  assert.deepEqual(
    fs.readdirSync(path.join(root, 'lavamoat/node')).sort(),
    ['policy.json'],
    'no temporary or debug file left behind'
  )
}

test('a missing entry is an error naming it', () => {
  const root = project()
  assertFailsKeepingPolicy(root, ['nope.js', '--autopolicy'], /could not resolve the entry ".*nope\.js"/)
})

test('an entry outside the project root is an error', () => {
  const root = project({ 'app/index.js': '' })
  const { status, stderr } = runCli(['../outside.js', '--autopolicy', '--projectRoot', 'app'], { cwd: root })
  assert.equal(status, 1)
  assert.match(stderr, /will not start from ".*outside\.js": the entry is outside the project root/)
})

test('a broken package.json names the file, line and column', () => {
  const root = project({ 'node_modules/a/package.json': '{\n  "name": "a",\n  "version": 1.0.0\n}' })
  assertFailsKeepingPolicy(
    root,
    ['index.js', '--autopolicy'],
    /could not parse ".*node_modules\/a\/package\.json" at line 3 column \d+/
  )
})

test('a module Node cannot run (.coffee) is refused with the reference\'s message', () => {
  const root = project({ 'node_modules/a/index.js': "require('./square.coffee')\n", 'node_modules/a/square.coffee': 'square = (x) -> x * x\n' })
  assertFailsKeepingPolicy(root, ['index.js', '--autopolicy'], /unknown module file extension "\.coffee"/)
})

test('an invalid override value is an error located in the override', () => {
  const root = project({ 'lavamoat/node/policy-override.json': '{"resources": {"a": {"native": "yes"}}}' })
  const { status, stderr } = runCli(['index.js', '--autopolicy'], { cwd: root })
  assert.equal(status, 1)
  assert.match(stderr, /policy-override\.json:1:\d+: invalid policy at resources\["a"\]\.native/)
  assert.equal(fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8'), OLD_POLICY)
})

test('a dynamic require is counted in one line that says no action is needed; --debugMode prints it with its code frame, or the note when the override answers it', () => {
  const dynamic = { 'node_modules/a/index.js': 'module.exports = (name) => require(name)\n' }
  const counted = runCli(['index.js', '--autopolicy'], { cwd: project(dynamic) })
  assert.equal(counted.status, 0, counted.stderr)
  assert.doesNotMatch(counted.stderr, /potentially incompatible code/)
  assert.match(counted.stderr, /^lavamoat: nothing to do about 1 module\(s\) with requests analysis cannot follow \(a\): .*refused with the override line that allows it \(--debugMode prints each\)$/m)

  const warned = runCli(['index.js', '--autopolicy', '--debugMode'], { cwd: project(dynamic) })
  assert.match(warned.stderr, /potentially incompatible code in package "a"/)
  assert.match(warned.stderr, /\^+ dynamic require/)
  assert.doesNotMatch(warned.stderr, /nothing to do about/)

  const answered = runCli(['index.js', '--autopolicy', '--debugMode'], {
    cwd: project({ ...dynamic, 'lavamoat/node/policy-override.json': '{"resources": {"a": {"packages": {"b": true}}}}' }),
  })
  assert.equal(answered.status, 0, answered.stderr)
  assert.doesNotMatch(answered.stderr, /potentially incompatible code/)
  assert.match(answered.stderr, /lavamoat: note: 1 dynamic require\(s\) in ".*node_modules\/a\/index\.js", answered by resources\["a"\]\.packages in the override/)
})

test('progress: counts on a terminal, nothing when stderr is not one', () => {
  const root = project()
  const piped = runCli(['index.js', '--autopolicy'], { cwd: root })
  assert.equal(piped.status, 0, piped.stderr)
  assert.doesNotMatch(piped.stderr, /analys|\x1b\[/)

  // `script` runs the CLI on a pseudo-terminal.
  const cli = path.join(__dirname, '..', 'lib', 'cli.js')
  const { spawnSync } = require('node:child_process')
  const tty = spawnSync('script', ['-qec', `"${process.execPath}" "${cli}" index.js --autopolicy`, '/dev/null'], {
    cwd: root,
    encoding: 'utf8',
  })
  assert.equal(tty.status, 0, tty.stdout)
  assert.match(tty.stdout, /\r\x1b\[Klavamoat: analysed 2 modules in 2 packages\r?\n/)
})
