'use strict'
// `lavamoat-run-command [lavamoat flags] -- <command> [arguments]`, run as its bin: the same
// run as `lavamoat --bin <command> [flags] -- [arguments]`, with the reference's exit codes for
// a missing command (2) and a command that is not installed (4).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { makeProject, runCli, repoRoot } = require('./support/project')

const manifest = require('../package.json')
const runCommandPath = path.join(repoRoot, manifest.bin['lavamoat-run-command'])

function runCommand(args, { cwd }) {
  const result = spawnSync(process.execPath, [runCommandPath, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

const TOOL = `#!/usr/bin/env node
'use strict'
const pad = require('left-pad')
console.log(JSON.stringify({ argv: process.argv, padded: pad('x', 3) }))
`

function makeToolProject(t) {
  const root = makeProject(
    {
      'package.json': { name: 'app', version: '1.0.0', devDependencies: { 'lint-kit': '1.0.0', '@acme/fmt': '1.0.0' } },
      'node_modules/lint-kit/package.json': { name: 'lint-kit', version: '1.0.0', bin: { 'kit-lint': 'bin/cli.js' }, dependencies: { 'left-pad': '1.0.0' } },
      'node_modules/lint-kit/bin/cli.js': TOOL,
      'node_modules/left-pad/package.json': { name: 'left-pad', version: '1.0.0' },
      'node_modules/left-pad/index.js': 'module.exports = (s, n) => String(s).padStart(n)\n',
      // No symlink in .bin: found by its `bin` field, as `lavamoat --bin` finds it.
      'node_modules/@acme/fmt/package.json': { name: '@acme/fmt', version: '1.0.0', bin: 'main.js' },
      'node_modules/@acme/fmt/main.js': "console.log('fmt ' + process.argv.slice(2).join(' '))\n",
    },
    'lavamoat-run-command-',
  )
  t.after(() => fs.rmSync(root, { recursive: true, force: true }))
  fs.mkdirSync(path.join(root, 'node_modules/.bin'))
  fs.symlinkSync('../lint-kit/bin/cli.js', path.join(root, 'node_modules/.bin/kit-lint'))
  return root
}

const readPolicy = (root, file = 'lavamoat/node/bin/kit-lint/policy.json') => fs.readFileSync(path.join(root, file), 'utf8')

test('the package declares the bin', () => {
  assert.equal(manifest.bin['lavamoat-run-command'], 'lib/cli/run-command.js')
  assert.ok(fs.readFileSync(runCommandPath, 'utf8').startsWith('#!/usr/bin/env node\n'))
})

test('it writes the policy lavamoat --bin writes, then runs the command under it with its arguments', (t) => {
  const root = makeToolProject(t)
  const written = runCommand(['--autopolicy', '--', 'kit-lint'], { cwd: root })
  assert.equal(written.status, 0, written.stderr)
  assert.match(written.stdout, /"padded":" {2}x"/, 'with --autopolicy the command runs once, to learn')
  const policy = readPolicy(root)
  assert.deepEqual(Object.keys(JSON.parse(policy).resources), ['lint-kit'])
  assert.equal(runCli(['--bin', 'kit-lint', '--autopolicy'], { cwd: root }).status, 0)
  assert.equal(readPolicy(root), policy)

  // Everything after the first "--" is the command's, a later "--" included.
  const run = runCommand(['--', 'kit-lint', 'src/', '--fix', '--', 'x'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  const toolFile = path.join(fs.realpathSync(root), 'node_modules/lint-kit/bin/cli.js')
  assert.deepEqual(JSON.parse(run.stdout), { argv: [process.execPath, toolFile, 'src/', '--fix', '--', 'x'], padded: '  x' })
})

test('the flags before "--" are lavamoat\'s, under their aliases too', (t) => {
  const root = makeToolProject(t)
  const written = runCommand(['-p', 'tools/policy.json', '--autopolicy', '--', 'fmt'], { cwd: root })
  assert.equal(written.status, 0, written.stderr)
  assert.ok(fs.existsSync(path.join(root, 'tools/policy.json')))
  assert.ok(!fs.existsSync(path.join(root, 'lavamoat/node/bin/fmt/policy.json')))
  const run = runCommand(['--policy', 'tools/policy.json', '--', 'fmt', 'a', 'b'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, 'fmt a b\n')
  // --autorun writes and runs.
  const autorun = runCommand(['--autorun', '--', 'kit-lint', 'y'], { cwd: root })
  assert.equal(autorun.status, 0, autorun.stderr)
  assert.deepEqual(JSON.parse(autorun.stdout).argv.slice(2), ['y'])
  // A flag lavamoat does not know is refused as by lavamoat.
  const unknown = runCommand(['--bogus', '--', 'kit-lint'], { cwd: root })
  assert.equal(unknown.status, 1)
  assert.match(unknown.stderr, /unknown option --bogus/)
})

test('without a command after "--" it prints the usage and exits with 2', (t) => {
  const root = makeToolProject(t)
  for (const args of [[], ['--autopolicy'], ['--'], ['kit-lint'], ['--autopolicy', 'kit-lint', '--', 'kit-lint']]) {
    const result = runCommand(args, { cwd: root })
    assert.equal(result.status, 2, JSON.stringify(args))
    assert.match(result.stderr, /^lavamoat-run-command: .*\nUsage: lavamoat-run-command \[lavamoat flags\] -- <command> \[arguments\]\n$/, JSON.stringify(args))
    assert.equal(result.stdout, '')
  }
  assert.ok(!fs.existsSync(path.join(root, 'lavamoat')), 'nothing was written')
})

test('a command that is not installed is one line and exit code 4', (t) => {
  const root = makeToolProject(t)
  for (const command of ['prettier', '../lint-kit/bin/cli.js']) {
    const result = runCommand(['--', command], { cwd: root })
    assert.equal(result.status, 4, result.stderr)
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr)
    assert.match(result.stderr, /^lavamoat: /)
  }
  assert.match(runCommand(['--', 'prettier'], { cwd: root }).stderr, /node_modules\/\.bin\/prettier/)
})

test('--help and --version answer without a command', (t) => {
  const root = makeToolProject(t)
  const help = runCommand(['--help'], { cwd: root })
  assert.equal(help.status, 0)
  assert.match(help.stdout, /^Usage: lavamoat-run-command \[lavamoat flags\] -- <command> \[arguments\]\n/)
  const version = runCommand(['--version'], { cwd: root })
  assert.equal(version.status, 0)
  assert.equal(version.stdout, `${manifest.version}\n`)
})
