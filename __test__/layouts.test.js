'use strict'
// One dependency tree, every package manager's layout: __test__/apps/layouts is installed from
// its committed lockfiles by npm, pnpm (isolated store and `node-linker=hoisted`), yarn
// classic and yarn berry (`nodeLinker: node-modules`). A package's name comes from the declared dependencies, never from where its files
// are, so every install must get the same bytes of policy as npm's and run as under node.
// The bench's small and medium trees (bench/projects) are installed the same ways, from
// lockfiles kept in __test__/apps/bench-layouts so that the bench's own npm installs see none.
// The package managers are this repo's pinned devDependencies; the registry must be reachable
// (or their caches warm).

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const { makeProject, runCli } = require('./support/project')
const { makeTempDir } = require('./support/temp-dir')

/**
 * The trees: where the app's package.json, index.js and package-lock.json are, and where the
 * other managers' lockfiles are (made from package-lock.json, same versions: see the README
 * there).
 */
const apps = {
  layouts: { dir: path.join(__dirname, 'apps/layouts'), lockfiles: path.join(__dirname, 'apps/layouts') },
  small: { dir: path.join(__dirname, '../bench/projects/small'), lockfiles: path.join(__dirname, 'apps/bench-layouts/small') },
  medium: { dir: path.join(__dirname, '../bench/projects/medium'), lockfiles: path.join(__dirname, 'apps/bench-layouts/medium') },
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const INSTALL_TIMEOUT = 120_000

/** The pinned package manager's bin script; missing means `npm install` was not run. */
function binScript(name, binName = name) {
  // Looked up where require would look: the package managers export no subpath to resolve.
  const dir = require.resolve.paths(name).map((base) => path.join(base, name)).find((candidate) => fs.existsSync(path.join(candidate, 'package.json')))
  if (dir === undefined) throw new Error(`${name} is missing: run \`npm install\` (the package managers are devDependencies)`)
  const { bin } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
  return path.join(dir, bin[binName])
}

const managers = {
  npm: (args) => [npm, args],
  pnpm: (args) => [process.execPath, [binScript('pnpm'), ...args]],
  yarn: (args) => [process.execPath, [binScript('yarn'), ...args]],
  // Yarn berry, as npm publishes it (its bin is also called yarn).
  berry: (args) => [process.execPath, [binScript('@yarnpkg/cli-dist', 'yarn'), ...args]],
}

function run(manager, args, cwd) {
  const [command, argv] = managers[manager](args)
  // No update checks or prompts: an install must depend on the lockfile only. Yarn classic
  // would leave its compile cache in the temp dir.
  const env = { ...process.env, npm_config_update_notifier: 'false', CI: 'true', DISABLE_V8_COMPILE_CACHE: '1' }
  const result = spawnSync(command, argv, { cwd, encoding: 'utf8', env, timeout: INSTALL_TIMEOUT })
  assert.equal(result.status, 0, `${manager} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`)
}

/**
 * Installs are the app's files plus only the lockfile of the manager that installs it
 * (`[committed name, name in the install]`), and its settings.
 */
const layouts = {
  npm: { lockfile: 'package-lock.json', install: (cwd) => run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], cwd) },
  'pnpm isolated': {
    lockfile: 'pnpm-lock.yaml',
    install: (cwd) => run('pnpm', ['install', '--frozen-lockfile', '--ignore-scripts', '--prefer-offline'], cwd),
  },
  'pnpm hoisted': {
    lockfile: 'pnpm-lock.yaml',
    install: (cwd) =>
      run('pnpm', ['install', '--frozen-lockfile', '--ignore-scripts', '--prefer-offline', '--config.node-linker=hoisted'], cwd),
  },
  'yarn classic': {
    lockfile: 'yarn.lock',
    install: (cwd) => run('yarn', ['install', '--frozen-lockfile', '--ignore-scripts', '--no-progress', '--non-interactive'], cwd),
  },
  'yarn berry node-modules': {
    lockfile: ['yarn-berry.lock', 'yarn.lock'],
    settings: { '.yarnrc.yml': 'nodeLinker: node-modules\nenableTelemetry: false\nenableScripts: false\n' },
    install: (cwd) => run('berry', ['install', '--immutable'], cwd),
  },
}

const installed = new Map()
function installedApp(layout, app = 'layouts') {
  const key = `${app} ${layout}`
  if (!installed.has(key)) {
    const root = makeTempDir(`lavamoat-layout-${key.replaceAll(' ', '-')}-`)
    const { lockfile, settings = {} } = layouts[layout]
    const [committed, name] = Array.isArray(lockfile) ? lockfile : [lockfile, lockfile]
    const { dir, lockfiles } = apps[app]
    fs.copyFileSync(path.join(dir, 'package.json'), path.join(root, 'package.json'))
    fs.copyFileSync(path.join(dir, 'index.js'), path.join(root, 'index.js'))
    fs.copyFileSync(path.join(committed === 'package-lock.json' ? dir : lockfiles, committed), path.join(root, name))
    for (const [file, content] of Object.entries(settings)) fs.writeFileSync(path.join(root, file), content)
    layouts[layout].install(root)
    installed.set(key, root)
  }
  return installed.get(key)
}

/** debug@2 stamps its lines with the time off a TTY; the rest of stderr must match. */
const stableStderr = (text) => text.replace(/^\w{3}, \d\d \w{3} \d{4} [\d:]+ GMT /gm, '')
const appEnv = { DEBUG: 'layouts' }

function autopolicy(root) {
  const result = runCli(['index.js', '--autopolicy'], { cwd: root })
  assert.equal(result.status, 0, result.stderr)
  return fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8')
}

function assertRunsAsUnderNode(root) {
  const plain = spawnSync(process.execPath, ['index.js'], { cwd: root, encoding: 'utf8', env: { ...process.env, ...appEnv } })
  assert.equal(plain.status, 0, plain.stderr)
  const isolated = runCli(['index.js'], { cwd: root, env: appEnv })
  assert.equal(isolated.status, 0, isolated.stderr)
  assert.equal(isolated.stdout, plain.stdout)
  assert.equal(stableStderr(isolated.stderr), stableStderr(plain.stderr))
}

const isLink = (file) => fs.lstatSync(file).isSymbolicLink()

/** What makes each layout the layout it is (every tree here has chalk@4.1.2); without it, the comparison proves nothing. */
const layoutChecks = {
  npm: (root) => {
    assert.ok(fs.existsSync(path.join(root, 'node_modules/.package-lock.json')))
    assert.equal(isLink(path.join(root, 'node_modules/chalk')), false)
    assert.ok(fs.existsSync(path.join(root, 'node_modules/ansi-styles/package.json')))
  },
  'pnpm isolated': (root) => {
    assert.ok(isLink(path.join(root, 'node_modules/chalk')))
    assert.equal(fs.realpathSync(path.join(root, 'node_modules/chalk')), path.join(root, 'node_modules/.pnpm/chalk@4.1.2/node_modules/chalk'))
    assert.equal(fs.existsSync(path.join(root, 'node_modules/ansi-styles')), false)
    assert.ok(isLink(path.join(root, 'node_modules/.pnpm/chalk@4.1.2/node_modules/ansi-styles')))
  },
  'pnpm hoisted': (root) => {
    assert.ok(fs.existsSync(path.join(root, 'node_modules/.modules.yaml')))
    assert.equal(isLink(path.join(root, 'node_modules/chalk')), false)
    assert.ok(fs.existsSync(path.join(root, 'node_modules/ansi-styles/package.json')))
  },
  'yarn classic': (root) => {
    assert.ok(fs.existsSync(path.join(root, 'node_modules/.yarn-integrity')))
    assert.equal(isLink(path.join(root, 'node_modules/chalk')), false)
  },
  'yarn berry node-modules': (root) => {
    assert.ok(fs.existsSync(path.join(root, 'node_modules/.yarn-state.yml')))
    assert.equal(fs.existsSync(path.join(root, '.pnp.cjs')), false)
    assert.equal(isLink(path.join(root, 'node_modules/chalk')), false)
  },
}

/** The layouts app's ms@2.1.3 is hoisted: every layout but pnpm's store nests debug's ms@2.0.0. */
function assertNestsDebugMs(root) {
  assert.ok(fs.existsSync(path.join(root, 'node_modules/debug/node_modules/ms/package.json')))
}

test('npm layout: the policy names packages by their logical path', { timeout: 2 * INSTALL_TIMEOUT }, () => {
  const root = installedApp('npm')
  layoutChecks.npm(root)
  assertNestsDebugMs(root)
  const { resources } = JSON.parse(autopolicy(root))
  assert.deepEqual(resources.chalk.packages, { 'chalk>ansi-styles': true, 'chalk>supports-color': true })
  assert.deepEqual(resources['chalk>ansi-styles'].packages, { 'chalk>ansi-styles>color-convert': true })
  // ms at two versions: the app's 2.1.3 is `ms`, debug's 2.0.0 is `debug>ms`.
  assert.deepEqual(resources.debug.packages, { 'debug>ms': true })
  assertRunsAsUnderNode(root)
})

for (const layout of ['pnpm isolated', 'pnpm hoisted', 'yarn classic', 'yarn berry node-modules']) {
  test(`${layout} layout gets npm's policy, byte for byte, and runs as under node`, { timeout: 3 * INSTALL_TIMEOUT }, () => {
    const expected = autopolicy(installedApp('npm'))
    const root = installedApp(layout)
    layoutChecks[layout](root)
    if (layout !== 'pnpm isolated') assertNestsDebugMs(root)
    assert.equal(autopolicy(root), expected)
    assertRunsAsUnderNode(root)
  })
}

test('a policy written on one layout runs the app installed by another', { timeout: 3 * INSTALL_TIMEOUT }, () => {
  const npmRoot = installedApp('npm')
  const policy = autopolicy(npmRoot)
  const root = installedApp('pnpm isolated')
  fs.rmSync(path.join(root, 'lavamoat'), { recursive: true, force: true })
  fs.mkdirSync(path.join(root, 'lavamoat/node'), { recursive: true })
  fs.writeFileSync(path.join(root, 'lavamoat/node/policy.json'), policy)
  assertRunsAsUnderNode(root)
})

/** `name@version` of each package installed, each real directory once: what a lockfile pins. */
function installedVersions(root) {
  const seen = new Set()
  const versions = new Set()
  const visit = (modules) => {
    if (!fs.existsSync(modules)) return
    for (const entry of fs.readdirSync(modules)) {
      // pnpm's store is a folder of node_modules folders; other dot entries are state files and .bin.
      if (entry === '.pnpm') for (const dir of fs.readdirSync(path.join(modules, entry))) visit(path.join(modules, entry, dir, 'node_modules'))
      if (entry.startsWith('.')) continue
      const dirs = entry.startsWith('@') ? fs.readdirSync(path.join(modules, entry)).map((name) => path.join(entry, name)) : [entry]
      for (const dir of dirs.map((name) => fs.realpathSync(path.join(modules, name)))) {
        if (seen.has(dir)) continue
        seen.add(dir)
        const { name, version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
        versions.add(`${name}@${version}`)
        visit(path.join(dir, 'node_modules'))
      }
    }
  }
  visit(path.join(root, 'node_modules'))
  return [...versions].sort()
}

/** The real directory of the package a policy name (`a>b>c`) names, found as Node finds each link. */
function packageDir(root, policyName) {
  return policyName.split('>').reduce((from, name) => {
    for (let dir = from; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', name)
      if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate)
      if (dir === path.dirname(dir)) throw new Error(`${policyName}: ${name} is not installed above ${from}`)
    }
  }, root)
}

const fewerLinks = (a, b) => a.split('>').length - b.split('>').length || (a < b ? -1 : 1)

/**
 * A policy's resources with every copy of one `name@version` called by the name of its copy
 * with the fewest links (as pnpm's store, which keeps one copy, names it), and which names
 * were renamed. Copies of one version are the same code: their resources must be equal.
 */
function namedOncePerVersion(root, policy) {
  const { resources } = JSON.parse(policy)
  const names = new Set(Object.entries(resources).flatMap(([name, { packages = {} }]) => [name, ...Object.keys(packages)]))
  const copies = new Map()
  for (const name of names) {
    const { name: packageName, version } = JSON.parse(fs.readFileSync(path.join(packageDir(root, name), 'package.json'), 'utf8'))
    copies.set(`${packageName}@${version}`, [...(copies.get(`${packageName}@${version}`) ?? []), name])
  }
  const renames = new Map([...copies.values()].flatMap((group) => group.sort(fewerLinks).slice(1).map((name) => [name, group[0]])))
  const rename = (name) => renames.get(name) ?? name
  const named = {}
  for (const [name, resource] of Object.entries(resources)) {
    const entry = resource.packages ? { ...resource, packages: Object.fromEntries(Object.entries(resource.packages).map(([dep, value]) => [rename(dep), value])) } : resource
    if (named[rename(name)]) assert.deepEqual(entry, named[rename(name)], `${name} and ${rename(name)} are one version`)
    named[rename(name)] = entry
  }
  return { resources: named, renamed: [...renames.keys()].sort() }
}

/**
 * Names in npm's policy of the copies npm installs of one version where the layout keeps one.
 * The app's debug@4 takes node_modules/debug, so express, body-parser, finalhandler and send,
 * all at the top, each get a nested copy of debug@2.6.9 (and of its ms@2.0.0) from npm, each
 * named by its own path, as in the reference. pnpm's store links one copy to all four, named
 * by the shortest path, `express>debug`. pnpm hoisted and both yarns nest as npm does.
 */
const npmOnlyCopies = {
  medium: {
    'pnpm isolated': [
      'express>body-parser>debug',
      'express>body-parser>debug>ms',
      'express>finalhandler>debug',
      'express>finalhandler>debug>ms',
      'express>send>debug',
      'express>send>debug>ms',
    ],
  },
}

for (const tree of ['small', 'medium']) {
  test(`bench ${tree} tree installed by npm: autopolicy, runs as under node`, { timeout: 2 * INSTALL_TIMEOUT }, () => {
    const root = installedApp('npm', tree)
    layoutChecks.npm(root)
    autopolicy(root)
    assertRunsAsUnderNode(root)
  })
  for (const layout of ['pnpm isolated', 'pnpm hoisted', 'yarn classic', 'yarn berry node-modules']) {
    test(`bench ${tree} tree, ${layout} layout: npm's versions, npm's policy byte for byte (but for npm's extra copies of one version), runs as under node`, { timeout: 3 * INSTALL_TIMEOUT }, () => {
      const npmRoot = installedApp('npm', tree)
      const expected = autopolicy(npmRoot)
      const root = installedApp(layout, tree)
      layoutChecks[layout](root)
      assert.deepEqual(installedVersions(root), installedVersions(npmRoot))
      const actual = autopolicy(root)
      const npmNamed = namedOncePerVersion(npmRoot, expected)
      const named = namedOncePerVersion(root, actual)
      const extraCopies = npmOnlyCopies[tree]?.[layout] ?? []
      assert.deepEqual(npmNamed.renamed.filter((name) => !named.renamed.includes(name)), extraCopies)
      assert.deepEqual(named.renamed.filter((name) => !npmNamed.renamed.includes(name)), [])
      // Each version named once, the policies are the same; with no extra copies, the same bytes.
      assert.deepEqual(named.resources, npmNamed.resources)
      if (extraCopies.length === 0) assert.equal(actual, expected)
      assertRunsAsUnderNode(root)
    })
  }
}

/**
 * A monorepo whose app is one workspace package using a linked sibling. The project root is
 * the app's own directory (lavamoat run there): the sibling is named by the dependency key
 * that links it (`@demo/lib`), its dependencies after it, whichever manager linked it.
 */
function monorepo(manager) {
  // npm links a workspace by version; pnpm only by its `workspace:` protocol.
  const libSpec = manager === 'pnpm' ? 'workspace:*' : '1.0.0'
  const root = makeProject(
    {
      'package.json': { name: 'mono', private: true, workspaces: ['packages/*'] },
      'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n",
      'packages/app/package.json': { name: '@demo/app', version: '1.0.0', private: true, dependencies: { '@demo/lib': libSpec, ms: '2.1.3' } },
      'packages/app/index.js': "console.log(require('@demo/lib')('from app'), require('ms')('1h'))\n",
      'packages/lib/package.json': { name: '@demo/lib', version: '1.0.0', dependencies: { debug: '2.6.9' } },
      'packages/lib/index.js': "const debug = require('debug')('lib')\nmodule.exports = (text) => { debug(text); return require('debug/package.json').version }\n",
    },
    `lavamoat-monorepo-${manager}-`,
  )
  run(manager, manager === 'npm' ? ['install', '--ignore-scripts', '--no-audit', '--no-fund'] : ['install', '--ignore-scripts'], root)
  return path.join(root, 'packages/app')
}

test('a workspace app using a linked sibling gets the same names from npm and pnpm workspaces', { timeout: 3 * INSTALL_TIMEOUT }, () => {
  const policies = {}
  for (const manager of ['npm', 'pnpm']) {
    const app = monorepo(manager)
    // From the monorepo's root the app's files are the root package's, which declares none
    // of their dependencies: the error names the workspace package that does.
    const fromRoot = runCli(['packages/app/index.js', '--autopolicy'], { cwd: path.join(app, '../..') })
    assert.equal(fromRoot.status, 1)
    assert.match(fromRoot.stderr, /package "\$root\$" requires "(ms|@demo\/lib)" .* the requiring code is in the package at "packages\/app", which declares it/)
    // npm links every workspace at the monorepo root, pnpm beside the package that uses it.
    const linkedAt = manager === 'npm' ? path.join(app, '../../node_modules/@demo/lib') : path.join(app, 'node_modules/@demo/lib')
    assert.equal(fs.realpathSync(linkedAt), path.join(app, '../lib'))
    policies[manager] = autopolicy(app)
    assertRunsAsUnderNode(app)
  }
  assert.equal(policies.pnpm, policies.npm)
  const { resources } = JSON.parse(policies.npm)
  assert.deepEqual(Object.keys(resources).sort(), ['@demo/lib', '@demo/lib>debug'])
  assert.deepEqual(resources['@demo/lib'].packages, { '@demo/lib>debug': true })
  assert.deepEqual(resources['@demo/lib>debug'].packages, { '@demo/lib>debug>ms': true })
})

test("yarn Plug'n'Play is refused up front, pointing at nodeLinker: node-modules", () => {
  const root = makeProject({
    'package.json': { name: 'pnp-app', dependencies: { ms: '2.1.3' } },
    'index.js': "require('ms')\n",
    '.yarnrc.yml': 'nodeLinker: pnp\n',
    '.pnp.cjs': '// what yarn berry writes instead of node_modules\n',
  })
  for (const args of [['index.js', '--autopolicy'], ['index.js']]) {
    const result = runCli(args, { cwd: root })
    assert.equal(result.status, 1)
    assert.match(result.stderr, /does not support Yarn Plug'n'Play \(found ".*\.pnp\.cjs"\).*Set `nodeLinker: node-modules` in \.yarnrc\.yml/)
  }
  assert.equal(fs.existsSync(path.join(root, 'lavamoat')), false)
})
