'use strict'
// --autopolicy writes the explicit builtin members (src/policy/process_routes.rs
// EXPLICIT_BUILTIN_MEMBERS) a package calls, by their own path, also next to a whole-module
// grant it needs anyway: a real package calling v8.setFlagsFromString or module.register runs
// under its generated policy with no override.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { makeProject, runCli } = require('./support/project')

const pkg = (name, extra = {}) => ({ name, version: '1.0.0', ...extra })

const PROJECT = {
  'package.json': pkg('app', { dependencies: { flags: '1.0.0', hooks: '1.0.0', 'esm-flags': '1.0.0' } }),
  'index.js': [
    "const flags = require('flags')",
    "const hooks = require('hooks')",
    "const esmFlags = require('esm-flags')",
    'console.log(JSON.stringify({ flags: flags.natives(), hooks: hooks.registered, esm: esmFlags.natives(), heap: typeof flags.v8.getHeapStatistics }))',
    '',
  ].join('\n'),
  'node_modules/flags/package.json': pkg('flags'),
  // The module object escapes (a whole `v8` grant) and its member is called.
  'node_modules/flags/index.js': [
    "const v8 = require('v8')",
    "v8.setFlagsFromString('--allow-natives-syntax')",
    "exports.natives = () => typeof new Function('return %GetOptimizationStatus(function () {})')()",
    'exports.v8 = v8',
    '',
  ].join('\n'),
  'node_modules/hooks/package.json': pkg('hooks'),
  'node_modules/hooks/index.js': [
    "const { register } = require('node:module')",
    "register('data:text/javascript,export async function resolve(s, c, next) { return next(s, c) }')",
    'exports.registered = true',
    '',
  ].join('\n'),
  'node_modules/esm-flags/package.json': pkg('esm-flags', { type: 'module' }),
  'node_modules/esm-flags/index.js': [
    "import { setFlagsFromString } from 'node:v8'",
    "setFlagsFromString('--allow-natives-syntax')",
    "export const natives = () => typeof new Function('return %GetOptimizationStatus(function () {})')()",
    '',
  ].join('\n'),
}

test('--autopolicy writes each explicit member a package calls, and the app runs under it', () => {
  const root = makeProject(PROJECT, 'lavamoat-explicit-')
  const { status, stderr } = runCli(['index.js', '--autopolicy'], { cwd: root })
  assert.equal(status, 0, stderr)
  const policy = JSON.parse(fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8'))
  assert.deepEqual(policy.resources.flags.builtin, { v8: true, 'v8.setFlagsFromString': true })
  assert.deepEqual(policy.resources.hooks.builtin, { 'node:module.register': true })
  assert.deepEqual(policy.resources['esm-flags'].builtin, { 'node:v8.setFlagsFromString': true })
  const expected = { flags: 'number', hooks: true, esm: 'number', heap: 'function' }
  const again = runCli(['index.js'], { cwd: root })
  assert.equal(again.status, 0, again.stderr)
  assert.deepEqual(JSON.parse(again.stdout.trim().split('\n').pop()), expected)
})
