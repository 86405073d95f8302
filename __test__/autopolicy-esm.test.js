'use strict'
// `lavamoat app.mjs --autopolicy` through the real CLI on a mixed ESM/CommonJS project: the
// written policy.json must be exactly what each package imports and uses, and the project must
// be one Node itself runs (so the resolution rules tested are Node's).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { makeProject, runCli } = require('./support/project')

const pkg = (name, fields = {}) => ({ name, version: '1.0.0', ...fields })

const PROJECT = {
  'package.json': pkg('app', { dependencies: { 'cjs-dep': '1.0.0', 'esm-only': '1.0.0' } }),
  'app.mjs': [
    "import { read } from 'esm-only'",
    "import hostname from 'cjs-dep'",
    'export default [read, hostname]',
    '',
  ].join('\n'),
  // CommonJS: a require of a builtin, and an ESM-only package through a dynamic import.
  'node_modules/cjs-dep/package.json': pkg('cjs-dep', { dependencies: { 'lazy-esm': '1.0.0' } }),
  'node_modules/cjs-dep/index.js': [
    "const os = require('os')",
    'module.exports = () => os.hostname()',
    "module.exports.later = () => import('lazy-esm')",
    '',
  ].join('\n'),
  // ESM-only with conditions: `require` would pick the .cjs build, which needs child_process.
  'node_modules/esm-only/package.json': pkg('esm-only', {
    type: 'module',
    dependencies: { 'cjs-dep': '1.0.0' },
    exports: { '.': { import: './dist/index.js', require: './dist/index.cjs' } },
  }),
  'node_modules/esm-only/dist/index.js': [
    "import { readFileSync } from 'fs'",
    "import * as path from 'node:path'",
    "import hostname from 'cjs-dep'",
    "export const read = (file) => readFileSync(path.join(process.cwd(), file, hostname()))",
    'export const plugin = (name) =>',
    '  import(name)',
    '',
  ].join('\n'),
  'node_modules/esm-only/dist/index.cjs': "module.exports = require('child_process')\n",
  'node_modules/lazy-esm/package.json': pkg('lazy-esm', { exports: './index.mjs' }),
  'node_modules/lazy-esm/index.mjs': 'export default () => crypto.randomUUID()\n',
}

// In the order every policy is written (sorted keys, nested package names last); lazy-esm is
// reached only through cjs-dep.
const EXPECTED_POLICY = {
  resources: {
    'cjs-dep': {
      builtin: { 'os.hostname': true },
      packages: { 'cjs-dep>lazy-esm': true },
    },
    'esm-only': {
      builtin: { 'fs.readFileSync': true, 'node:path.join': true },
      globals: { 'process.cwd': true },
      packages: { 'cjs-dep': true },
    },
    'cjs-dep>lazy-esm': {
      globals: { 'crypto.randomUUID': true },
    },
  },
}

test('the project is one plain node runs', () => {
  const root = makeProject(PROJECT, 'lavamoat-esm-')
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', "await import('./app.mjs'); const m = await import('cjs-dep'); await m.default.later()"], {
    cwd: root,
    encoding: 'utf8',
  })
  assert.equal(run.status, 0, run.stderr)
})

test('--autopolicy on an ESM app writes each package\'s imports and uses', () => {
  const root = makeProject(PROJECT, 'lavamoat-esm-')
  const { status, stderr } = runCli(['app.mjs', '--autopolicy', '--debugMode'], { cwd: root })
  assert.equal(status, 0, stderr)

  const written = fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8')
  assert.equal(written, JSON.stringify(EXPECTED_POLICY, null, 2))

  const file = path.join(root, 'node_modules/esm-only/dist/index.js')
  assert.match(stderr, new RegExp(`potentially incompatible code in package "esm-only" file "${file}":\\n  at ${file}:6:3\\n`))
  assert.match(stderr, /> 6 \| {3}import\(name\)\n.*\^+ dynamic import/)
})
