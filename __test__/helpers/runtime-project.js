'use strict'
// Writes real project trees (package.json files, node_modules/<pkg>/..., a policy) into a
// temp dir (removed when the test file is done) and runs lavamoat on them in a child process.

const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { makeTempDir } = require('../support/temp-dir')

const REPO = path.resolve(__dirname, '..', '..')
const NODE = process.env.LAVAMOAT_TEST_NODE || process.execPath

/**
 * @param {object} spec
 * @param {Record<string, string>} spec.files relative path -> content
 * @param {Record<string, string[]>} [spec.packages] package dir (e.g. "node_modules/one") -> deps;
 *   each gets a package.json unless `files` has one
 * @param {string[]} [spec.rootDependencies]
 * @param {object} [spec.policy] written to lavamoat/node/policy.json
 * @param {object} [spec.override] written to lavamoat/node/policy-override.json
 */
function writeProject({ files = {}, packages = {}, rootDependencies, policy, override }) {
  const dir = makeTempDir('lavamoat-runtime-')
  const all = { ...files }
  const deps = rootDependencies || Object.keys(packages).filter((p) => !p.includes('/node_modules/', 1)).map((p) => p.replace(/^node_modules\//, ''))
  if (!all['package.json']) {
    all['package.json'] = JSON.stringify({ name: 'app', version: '1.0.0', dependencies: Object.fromEntries(deps.map((d) => [d, '1.0.0'])) })
  }
  for (const [pkgDir, pkgDeps] of Object.entries(packages)) {
    const manifest = `${pkgDir}/package.json`
    if (!all[manifest]) {
      all[manifest] = JSON.stringify({ name: path.basename(pkgDir), version: '1.0.0', main: 'index.js', dependencies: Object.fromEntries(pkgDeps.map((d) => [d, '1.0.0'])) })
    }
  }
  if (policy !== undefined) all['lavamoat/node/policy.json'] = typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2)
  if (override !== undefined) all['lavamoat/node/policy-override.json'] = typeof override === 'string' ? override : JSON.stringify(override, null, 2)
  for (const [rel, content] of Object.entries(all)) {
    const file = path.join(dir, rel)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, content)
  }
  return dir
}

/**
 * Runs `lavamoat <entry> [args]` (the real CLI) in the project; returns { status, stdout, stderr }.
 * @param {string} projectRoot
 * @param {{ entry?: string, args?: string[], nodeArgs?: string[], env?: Record<string, string> }} [options]
 *   env: variables added to this process's environment
 */
function runProject(projectRoot, { entry = 'index.js', args = [], nodeArgs = [], env } = {}) {
  const result = spawnSync(NODE, [...nodeArgs, path.join(REPO, 'lib', 'cli.js'), entry, ...args], {
    cwd: projectRoot,
    env: env && { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** The source of a module body given as a function (its body runs as the module). */
const body = (fn) => `(${fn}).call(this)\n`

/**
 * The core scenario layout: index.js (root) requires "one" and prints its exports as JSON;
 * one, two, three packages. Default policy: one -> two, three; two -> three.
 */
function scaffold({ entry, one, two, three, policy, defaultPolicy = true, override, files = {} }) {
  const defaultEntry = () => {
    console.log(JSON.stringify(require('one')))
  }
  const resources = defaultPolicy
    ? { one: { packages: { two: true, three: true } }, two: { packages: { three: true } } }
    : {}
  const merged = { resources: { ...resources } }
  for (const [name, resource] of Object.entries((policy && policy.resources) || {})) {
    const base = merged.resources[name] || {}
    merged.resources[name] = { ...base, ...resource, packages: { ...base.packages, ...resource.packages } }
  }
  return writeProject({
    files: {
      'index.js': body(entry || defaultEntry),
      'node_modules/one/index.js': body(one || (() => { module.exports = require('two') })),
      'node_modules/two/index.js': two ? body(two) : "module.exports = { value: 'this is module two' }\n",
      'node_modules/three/index.js': three ? body(three) : "module.exports = { value: 'this is module three' }\n",
      ...files,
    },
    packages: {
      'node_modules/one': ['two', 'three'],
      'node_modules/two': ['three'],
      'node_modules/three': ['one'],
    },
    policy: policy === null ? undefined : merged,
    override,
  })
}

/** Parses the JSON line the entry printed. */
function resultOf(run) {
  if (run.status !== 0) throw new Error(`exit ${run.status}\n${run.stderr}`)
  return JSON.parse(run.stdout.trim().split('\n').pop())
}

module.exports = { NODE, writeProject, runProject, scaffold, resultOf, body, REPO }
