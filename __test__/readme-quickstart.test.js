'use strict'
// README's "Quick start" is run as written, so that it cannot rot: its `npx lavamoat` lines,
// with `npx lavamoat` meaning this repository's CLI, on a small app (the app's lines) and on
// the tools project (the `--bin eslint` lines); each must exit 0, and the app must print under
// its policy what it prints under node.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { makeProject, repoRoot, cliPath } = require('./support/project')
const { toolsDir } = require('./tools/runner')
const { installIfMissing } = require('./support/npm-ci')

/** The commands of the Quick start's first code block: argument lists after `npx lavamoat`. */
function quickStartCommands() {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1))
  const block = section.split('\n').filter((line) => line.startsWith('    npx lavamoat '))
  return block.map((line) => line.trim().replace(/\s+#.*$/, '').split(/\s+/).slice(2))
}

function run(args, cwd) {
  return spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', timeout: 120_000 })
}

test('README Quick start: the app commands write a policy and run the app under it', (t) => {
  const commands = quickStartCommands().filter((args) => !args.includes('--bin'))
  assert.deepEqual(commands, [['index.js', '--autopolicy'], ['index.js']])
  const root = makeProject({
    'package.json': { name: 'app', version: '1.0.0', dependencies: { greet: '1.0.0' } },
    'index.js': "console.log(require('greet')('reader'))\n",
    'node_modules/greet/package.json': { name: 'greet', version: '1.0.0' },
    'node_modules/greet/index.js': "module.exports = (name) => `hello ${name} on ${require('os').platform()}`\n",
  })
  t.after(() => fs.rmSync(root, { recursive: true, force: true }))
  const plain = spawnSync(process.execPath, ['index.js'], { cwd: root, encoding: 'utf8' })
  for (const args of commands) {
    const result = run(args, root)
    assert.equal(result.status, 0, `npx lavamoat ${args.join(' ')}\n${result.stderr}`)
    if (!args.includes('--autopolicy')) assert.equal(result.stdout, plain.stdout)
  }
  assert.ok(fs.existsSync(path.join(root, 'lavamoat/node/policy.json')))
})

test('README Quick start: the --bin eslint commands write the tool\'s policy and lint under it', { timeout: 300_000 }, (t) => {
  const commands = quickStartCommands().filter((args) => args.includes('--bin'))
  assert.equal(commands.length, 2)
  installIfMissing(toolsDir)
  // The commands write under lavamoat/ of the folder they run in: the tools project's here.
  t.after(() => fs.rmSync(path.join(toolsDir, 'lavamoat'), { recursive: true, force: true }))
  const plain = spawnSync(process.execPath, [path.join(toolsDir, 'node_modules/eslint/bin/eslint.js'), 'src/'], { cwd: toolsDir, encoding: 'utf8' })
  for (const args of commands) {
    const result = run(args, toolsDir)
    assert.equal(result.status, plain.status, `npx lavamoat ${args.join(' ')}\n${result.stderr}`)
    assert.equal(result.stdout, plain.stdout)
  }
  assert.ok(fs.existsSync(path.join(toolsDir, 'lavamoat/node/bin/eslint/policy.json')))
})
