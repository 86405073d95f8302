'use strict'
// Real npm packages under lavamoat: each app in __test__/apps/run-* is installed from its
// lockfile into a temporary copy, its policy written by our --autopolicy, and then it must
// print exactly what it prints under plain node. reference-policy.json is what
// lavamoat@11.1.4 writes for the app: ours must be the same bytes (or a superset where
// DIFFERENCES.md explains why), and the app must run here under the reference's policy too.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const { runCli } = require('./support/project')
const { makeTempDir } = require('./support/temp-dir')

const appsDir = path.join(__dirname, 'apps')
const apps = fs.readdirSync(appsDir).filter((name) => name.startsWith('run-'))
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const env = { DEBUG: 'toolbox' } // debug's output goes to stderr: both runs must print it

function installCopy(name) {
  const root = makeTempDir(`lavamoat-${name}-`)
  fs.cpSync(path.join(appsDir, name), root, { recursive: true })
  const install = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: root, encoding: 'utf8' })
  assert.equal(install.status, 0, install.stderr)
  return root
}

/**
 * debug stamps its lines with the time (an ISO date off a TTY, `+0ms` on one). Node 24 warns
 * about `url.parse()` unless the caller's file is under node_modules, which it cannot tell for
 * code evaluated in a compartment (the reference prints the same warning): not compared.
 */
const stableStderr = (text) =>
  text
    .replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z /gm, '')
    .replace(/ \+\d+m?s$/gm, '')
    .replace(/^\(node:\d+\) \[DEP0169\] DeprecationWarning: .*\n\(Use `node --trace-deprecation \.\.\.` .*\n/gm, '')

const REGEXP_STATIC = /^RegExp\.(\$[1-9_]|input|lastMatch|lastParen|leftContext|rightContext)$/

/**
 * The reference's policy text with the documented differences applied (docs/differences.md):
 * where the reference grants a global `X` whole and ours grants paths under `X` instead (a
 * presence test), ours is taken; RegExp's legacy statics, which the reference
 * never grants, are taken from ours. Anything else that differs still fails the comparison.
 */
function withDocumentedDifferences(referenceText, oursText) {
  const reference = JSON.parse(referenceText)
  const ours = JSON.parse(oursText).resources
  for (const [name, resource] of Object.entries(ours)) {
    const statics = Object.keys(resource.globals ?? {}).filter((key) => REGEXP_STATIC.test(key))
    if (statics.length === 0) continue
    const target = (reference.resources[name] ??= {})
    target.globals = { ...target.globals }
    for (const key of statics) target.globals[key] = resource.globals[key]
    target.globals = Object.fromEntries(Object.keys(target.globals).sort().map((key) => [key, target.globals[key]]))
  }
  for (const [name, resource] of Object.entries(reference.resources)) {
    const oursGlobals = ours[name]?.globals
    if (!resource.globals || !oursGlobals) continue
    const narrowed = Object.keys(resource.globals).filter((key) =>
      resource.globals[key] === true && !(key in oursGlobals) && Object.keys(oursGlobals).some((path) => path.startsWith(`${key}.`)))
    if (narrowed.length === 0) continue
    const paths = Object.keys(oursGlobals).filter((path) => narrowed.some((key) => path.startsWith(`${key}.`)))
    const globals = { ...resource.globals }
    for (const key of narrowed) delete globals[key]
    for (const path of paths) globals[path] = oursGlobals[path]
    resource.globals = Object.fromEntries(Object.keys(globals).sort().map((key) => [key, globals[key]]))
  }
  return JSON.stringify(reference, null, 2)
}

for (const name of apps) {
  test(`${name} prints the same under lavamoat as under node`, { timeout: 180_000 }, () => {
    const root = installCopy(name)
    const plain = spawnSync(process.execPath, ['index.js'], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } })
    assert.equal(plain.status, 0, plain.stderr)
    assert.notEqual(plain.stdout, '')

    const policy = runCli(['index.js', '--autopolicy'], { cwd: root })
    assert.equal(policy.status, 0, policy.stderr)
    const isolated = runCli(['index.js'], { cwd: root, env })
    assert.equal(isolated.status, 0, isolated.stderr)
    assert.equal(isolated.stdout, plain.stdout)
    assert.equal(stableStderr(isolated.stderr), stableStderr(plain.stderr))

    // The reference cannot run an ES module app (run-esm): there is no policy of its to compare.
    if (!fs.existsSync(path.join(root, 'reference-policy.json'))) return
    const ours = fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8')
    const reference = fs.readFileSync(path.join(root, 'reference-policy.json'), 'utf8')
    if (fs.existsSync(path.join(root, 'DIFFERENCES.md'))) {
      const oursParsed = JSON.parse(ours).resources
      for (const [name, resource] of Object.entries(JSON.parse(reference).resources)) {
        assert.deepEqual(oursParsed[name], resource, `reference entry ${name}`)
      }
    } else {
      assert.equal(ours, withDocumentedDifferences(reference, ours))
      // The reference's own policy file runs here unchanged.
      const withReference = runCli(['index.js', '--policy', 'reference-policy.json'], { cwd: root, env })
      assert.equal(withReference.status, 0, withReference.stderr)
      assert.equal(withReference.stdout, plain.stdout)
    }
  })
}

test('the apps really are isolated: an ungranted builtin fails inside express', { timeout: 180_000 }, () => {
  const root = installCopy('run-express')
  assert.equal(runCli(['index.js', '--autopolicy'], { cwd: root }).status, 0)
  const policyPath = path.join(root, 'lavamoat/node/policy.json')
  const policy = JSON.parse(fs.readFileSync(policyPath, 'utf8'))
  const { builtin } = policy.resources.express
  for (const key of Object.keys(builtin)) if (key.startsWith('http.')) delete builtin[key]
  fs.writeFileSync(policyPath, JSON.stringify(policy))
  const run = runCli(['index.js'], { cwd: root })
  assert.equal(run.status, 1)
  assert.match(run.stderr, /package "express" requested "http" as "http"/)
})

test('the app a new user tries first (express, axios, chalk 5, dayjs, zod 4): its generated policy runs it, and nothing printed needs a second reading', () => {
  const root = installCopy('first-app')
  const plain = spawnSync(process.execPath, ['index.js'], { cwd: root, encoding: 'utf8' })
  assert.equal(plain.status, 0, plain.stderr)
  const generated = runCli(['index.js', '--autopolicy'], { cwd: root })
  assert.equal(generated.status, 0, generated.stderr)
  // What it prints: that it starts, at most one line saying what needs no action, where it wrote.
  const lines = generated.stderr.trimEnd().split('\n')
  assert.match(lines[0], /^lavamoat: generating the policy from entry ".*index\.js"\.\.\.$/)
  assert.match(lines.at(-1), /^lavamoat: wrote the policy to ".*policy\.json"$/)
  assert.ok(lines.length <= 3 && lines.slice(1, -1).every((line) => line.startsWith('lavamoat: nothing to do about ')), generated.stderr)
  const run = runCli(['index.js'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, plain.stdout)
  assert.equal(stableStderr(run.stderr), '')
  assert.ok(!fs.existsSync(path.join(root, 'lavamoat/node/policy-override.json')), 'no override was needed')
})
