'use strict'
// `lavamoat --bin <name>`: an installed package's bin runs as the entry, found as npx finds it,
// confined by its own package's policy.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { makeProject, runCli } = require('./support/project')
const { runLava } = require('..')

// A tool whose bin name (`kit-lint`) is not its package name, and a scoped package with the
// string form of `bin` (bin name `fmt`). The tool reads its argv, uses a dependency, and
// loads a builtin by a computed name, which --autopolicy cannot see.
const TOOL = `#!/usr/bin/env node
'use strict'
const pad = require('left-pad')
console.log(JSON.stringify({ argv: process.argv, padded: pad('x', 3) }))
if (process.argv.includes('--spawn')) {
  const name = ['child', 'process'].join('_')
  require(name)
}
`

function makeBinProject(t) {
  const root = makeProject({
    'package.json': { name: 'app', version: '1.0.0', dependencies: { 'lint-kit': '1.0.0', '@acme/fmt': '1.0.0' } },
    'node_modules/lint-kit/package.json': { name: 'lint-kit', version: '1.0.0', bin: { 'kit-lint': 'bin/cli.js' }, dependencies: { 'left-pad': '1.0.0' } },
    'node_modules/lint-kit/bin/cli.js': TOOL,
    'node_modules/left-pad/package.json': { name: 'left-pad', version: '1.0.0' },
    'node_modules/left-pad/index.js': 'module.exports = (s, n) => String(s).padStart(n)\n',
    'node_modules/@acme/fmt/package.json': { name: '@acme/fmt', version: '1.0.0', bin: 'main.js' },
    'node_modules/@acme/fmt/main.js': "console.log('fmt ' + process.argv.slice(2).join(' '))\n",
  })
  t.after(() => fs.rmSync(root, { recursive: true, force: true }))
  fs.mkdirSync(path.join(root, 'node_modules/.bin'))
  fs.symlinkSync('../lint-kit/bin/cli.js', path.join(root, 'node_modules/.bin/kit-lint'))
  return root
}

// The CLI runs in `root` as the process's cwd, its real path.
const toolFile = (root) => path.join(fs.realpathSync(root), 'node_modules/lint-kit/bin/cli.js')

test('--bin follows the node_modules/.bin symlink; --autopolicy writes the policy from the bin file', (t) => {
  const root = makeBinProject(t)
  const written = runCli(['--bin', 'kit-lint', '--autopolicy'], { cwd: root })
  assert.equal(written.status, 0, written.stderr)
  assert.ok(written.stderr.includes(`from entry "${toolFile(root)}"`), written.stderr)
  // A bin's policy has a folder of its own: the app's policy.json is not touched.
  assert.equal(fs.existsSync(path.join(root, 'lavamoat/node/policy.json')), false)
  const { resources } = JSON.parse(fs.readFileSync(path.join(root, 'lavamoat/node/bin/kit-lint/policy.json'), 'utf8'))
  // The bin's statements belong to its package, not to the project.
  assert.deepEqual(Object.keys(resources), ['lint-kit'])
  assert.deepEqual(resources['lint-kit'].packages, { 'lint-kit>left-pad': true })
  assert.equal(resources['lint-kit'].globals['process.argv'], true)

  const run = runCli(['--bin', 'kit-lint', '--', 'src/', '--fix'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  assert.deepEqual(JSON.parse(run.stdout), { argv: [process.execPath, toolFile(root), 'src/', '--fix'], padded: '  x' })
})

test('the bin runs confined by its package policy: what --autopolicy did not see is refused', (t) => {
  const root = makeBinProject(t)
  assert.equal(runCli(['--bin', 'kit-lint', '--autopolicy'], { cwd: root }).status, 0)
  const { status, stderr } = runCli(['-b', 'kit-lint', '--', '--spawn'], { cwd: root })
  assert.equal(status, 1)
  assert.match(stderr, /package "lint-kit" requested "child_process"/)
  assert.match(stderr, /add "builtin": \{"child_process": true\} to resources\["lint-kit"\]/)
})

test('without a .bin symlink, the bin field names the file: object form, and the string form of a scoped package', (t) => {
  const root = makeBinProject(t)
  fs.rmSync(path.join(root, 'node_modules/.bin'), { recursive: true })
  assert.equal(runCli(['--bin', 'kit-lint', '--autorun', '--', 'a'], { cwd: root }).status, 0)
  const tool = runCli(['--bin', 'kit-lint', '--', 'b'], { cwd: root })
  assert.equal(tool.status, 0, tool.stderr)
  assert.deepEqual(JSON.parse(tool.stdout).argv, [process.execPath, toolFile(root), 'b'])
  const fmt = runCli(['--autorun', '--bin', 'fmt', '--', 'one', 'two'], { cwd: root })
  assert.equal(fmt.status, 0, fmt.stderr)
  assert.equal(fmt.stdout, 'fmt one two\n')
})

test('the bin of a folder linked into node_modules (file: dependency) runs from its path in node_modules, under the root', (t) => {
  const dir = makeProject({
    'tool/package.json': { name: 'tool', version: '1.0.0', bin: { tl: 'cli.js' } },
    'tool/cli.js': 'console.log(process.argv.slice(1).join(" "))\n',
    'app/package.json': { name: 'app', version: '1.0.0', dependencies: { tool: 'file:../tool' } },
  })
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const root = path.join(dir, 'app')
  fs.mkdirSync(path.join(root, 'node_modules/.bin'), { recursive: true })
  fs.symlinkSync('../../tool', path.join(root, 'node_modules/tool'))
  fs.symlinkSync('../tool/cli.js', path.join(root, 'node_modules/.bin/tl'))
  const expected = `${path.join(fs.realpathSync(root), 'node_modules/tool/cli.js')} x\n`
  assert.equal(runCli(['--bin', 'tl', '--autopolicy'], { cwd: root }).status, 0)
  assert.equal(runCli(['--bin', 'tl', '--', 'x'], { cwd: root }).stdout, expected)
  fs.rmSync(path.join(root, 'node_modules/.bin'), { recursive: true })
  assert.equal(runCli(['--bin', 'tl', '--', 'x'], { cwd: root }).stdout, expected)
})

test('a missing bin is a one-line error naming what was looked for', (t) => {
  const root = makeBinProject(t)
  const { status, stdout, stderr } = runCli(['--bin', 'eslint', '--', 'src/'], { cwd: root })
  assert.equal(status, 1)
  assert.equal(stdout, '')
  assert.equal(stderr.trimEnd().split('\n').length, 1, stderr)
  assert.match(stderr, /^lavamoat: no bin "eslint" in .*: no symlink node_modules\/\.bin\/eslint, and no "bin" field/)
})

test('a bin declared by two packages, with no .bin symlink to decide, is an error naming both', (t) => {
  const root = makeBinProject(t)
  fs.rmSync(path.join(root, 'node_modules/.bin'), { recursive: true })
  fs.mkdirSync(path.join(root, 'node_modules/other-kit'))
  fs.writeFileSync(path.join(root, 'node_modules/other-kit/package.json'), JSON.stringify({ name: 'other-kit', bin: { 'kit-lint': 'x.js' } }))
  fs.writeFileSync(path.join(root, 'node_modules/other-kit/x.js'), '')
  const { status, stderr } = runCli(['--bin', 'kit-lint'], { cwd: root })
  assert.equal(status, 1)
  assert.match(stderr, /^lavamoat: bin "kit-lint" is declared by several packages \(node_modules\/lint-kit, node_modules\/other-kit\)/)
})

test('runLava takes a bin instead of an entryPath, not both', async (t) => {
  const root = makeBinProject(t)
  t.mock.method(console, 'warn', () => {})
  // No learning run: it would run the bin in this process.
  await runLava({ bin: 'fmt', projectRoot: root, writeAutoPolicy: true, learn: false })
  const { resources } = JSON.parse(fs.readFileSync(path.join(root, 'lavamoat/node/bin/fmt/policy.json'), 'utf8'))
  assert.deepEqual(Object.keys(resources), ['@acme/fmt'])
  await assert.rejects(runLava({ bin: 'fmt', entryPath: 'index.js', projectRoot: root }), { code: 'LAVAMOAT_OPTIONS' })
  await assert.rejects(runLava({ bin: '../fmt', projectRoot: root, writeAutoPolicy: true }), { code: 'LAVAMOAT_BIN_NAME' })
})
