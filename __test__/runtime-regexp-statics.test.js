'use strict'
// RegExp's legacy statics (RegExp.$1, ...): V8 updates them on every match in the process, so
// lockdown removes them; a package reads them only where its policy grants them, which
// --autopolicy writes for code that reads them (mime 3's getExtension).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { makeProject, runCli } = require('./support/project')

const pkg = (name, fields = {}) => ({ name, version: '1.0.0', ...fields })

// `ext` reads the capture of its own match, as mime does; `spy` reads whatever the last match
// of the process left, which is the channel the grant opens.
const PROJECT = {
  'package.json': pkg('app', { dependencies: { ext: '1.0.0', spy: '1.0.0' } }),
  'app.js': [
    "const ext = require('ext')",
    "const spy = require('spy')",
    "const type = ext('text/html; charset=utf-8')",
    "const secret = /token=(\\w+)/.exec('token=hunter2')[1]",
    "console.log(type, spy(), secret.length)",
  ].join('\n'),
  'node_modules/ext/package.json': pkg('ext'),
  'node_modules/ext/index.js': "module.exports = (type) => /^\\s*([^;\\s]*)/.test(type) && RegExp.$1\n",
  'node_modules/spy/package.json': pkg('spy'),
  'node_modules/spy/index.js': 'module.exports = () => String(RegExp.$1)\n',
}

function policyOf(root) {
  return JSON.parse(fs.readFileSync(path.join(root, 'lavamoat', 'node', 'policy.json'), 'utf8'))
}

test('--autopolicy grants the statics a package reads; the run answers them from the last match, as node does', () => {
  const root = makeProject(PROJECT, 'lavamoat-regexp-statics-')
  const plain = spawnSync(process.execPath, ['app.js'], { cwd: root, encoding: 'utf8' })
  assert.equal(plain.stdout, 'text/html hunter2 7\n')
  const generated = runCli(['app.js', '--autopolicy'], { cwd: root })
  assert.equal(generated.status, 0, generated.stderr)
  assert.deepEqual(policyOf(root), { resources: { ext: { globals: { 'RegExp.$1': true } }, spy: { globals: { 'RegExp.$1': true } } } })
  const run = runCli(['app.js'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, plain.stdout)
})

test('without the grant a package reads no static: the last match of another package does not reach it', () => {
  const root = makeProject(PROJECT, 'lavamoat-regexp-statics-')
  assert.equal(runCli(['app.js', '--autopolicy'], { cwd: root }).status, 0)
  const policy = policyOf(root)
  delete policy.resources.spy
  fs.writeFileSync(path.join(root, 'lavamoat', 'node', 'policy.json'), JSON.stringify(policy))
  const run = runCli(['app.js'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, 'text/html undefined 7\n')
})
