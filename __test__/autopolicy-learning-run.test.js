'use strict'
// `lavamoat --bin <tool> --autopolicy`: the learning run. The tool runs once; what it loads by
// names static analysis cannot see (the project's config, a plugin the config names, its own
// formatter found by a computed path) is analysed and granted; package edges only, and only
// those the dependency graph declares. A builtin hidden behind a computed name stays refused.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { makeProject, runCli } = require('./support/project')

// `kit` loads the project's `kit.config.js` by a computed path, then each plugin the config
// names, by name, then one of its own reporters by a computed path. The config names `plugin-a`
// (a devDependency of the project): it reads a file with fs. `--spawn` makes kit hide
// child_process behind a computed name; `--evil` makes it load `stray` (installed, declared
// by `other`, not by kit nor the project); `--peek` makes `kit>helper` (a dependency of kit) ask for the project's config.
const KIT = `'use strict'
const path = require('path')
const config = require(path.join(process.cwd(), 'kit.config.js'))
const helper = require('helper')
const results = config.plugins.map((name) => require(name)(config))
const reporter = require('./reporters/' + (process.argv[2] || 'plain'))
console.log(reporter(results))
if (process.argv.includes('--spawn')) {
  try { require(['child', 'process'].join('_')); console.log('spawned') } catch (err) { console.log('refused: ' + err.code) }
}
if (process.argv.includes('--evil')) {
  try { require(['str', 'ay'].join('')); console.log('stray loaded') } catch (err) { console.log('refused: ' + err.code) }
}
if (process.argv.includes('--peek')) console.log(helper.peek())
if (process.argv.includes('--resolve-other')) console.log(path.basename(require.resolve(path.join(process.cwd(), 'notes.coffee'))))
`

function makeKitProject(t, extra = {}) {
  const root = makeProject({
    'package.json': { name: 'app', version: '1.0.0', devDependencies: { kit: '1.0.0', 'plugin-a': '1.0.0', other: '1.0.0' } },
    'kit.config.js': "module.exports = { plugins: ['plugin-a'], file: 'data.txt' }\n",
    'data.txt': 'hello from data\n',
    'notes.coffee': 'notes = []\n',
    'node_modules/kit/package.json': { name: 'kit', version: '1.0.0', bin: { kit: 'cli.js' }, dependencies: { helper: '1.0.0' } },
    'node_modules/kit/cli.js': KIT,
    'node_modules/kit/reporters/plain.js': "module.exports = (results) => results.map((r) => r.trim()).join(',') + ' at ' + typeof require('os').EOL\n",
    'node_modules/helper/package.json': { name: 'helper', version: '1.0.0' },
    'node_modules/helper/index.js':
      "exports.peek = () => { try { return 'peeked: ' + require(process.cwd() + '/kit.config.js').file } catch (err) { return 'refused: ' + err.code } }\n",
    'node_modules/plugin-a/package.json': { name: 'plugin-a', version: '1.0.0' },
    'node_modules/plugin-a/index.js': "module.exports = (config) => require('fs').readFileSync(config.file, 'utf8')\n",
    'node_modules/stray/package.json': { name: 'stray', version: '1.0.0' },
    'node_modules/stray/index.js': "module.exports = 'stray'\n",
    'node_modules/other/package.json': { name: 'other', version: '1.0.0', dependencies: { stray: '1.0.0' } },
    ...extra,
  })
  t.after(() => fs.rmSync(root, { recursive: true, force: true }))
  fs.mkdirSync(path.join(root, 'node_modules/.bin'))
  fs.symlinkSync('../kit/cli.js', path.join(root, 'node_modules/.bin/kit'))
  return root
}

const policyOf = (root) => JSON.parse(fs.readFileSync(path.join(root, 'lavamoat/node/bin/kit/policy.json'), 'utf8'))
const plainNode = (root, args) => spawnSync(process.execPath, [path.join(root, 'node_modules/kit/cli.js'), ...args], { cwd: root, encoding: 'utf8' })

test('the learning run grants the config, the plugin it names and the own files loaded by computed paths; the tool then runs as under node', (t) => {
  const root = makeKitProject(t)
  const expected = plainNode(root, [])
  assert.equal(expected.stdout, 'hello from data at string\n')

  const learning = runCli(['--bin', 'kit', '--autopolicy'], { cwd: root })
  assert.equal(learning.status, 0, learning.stderr)
  assert.equal(learning.stdout, expected.stdout, 'the learning run is a real run of the tool')
  assert.match(learning.stderr, /kit -> \$root\$ \(".*kit\.config\.js", from node_modules\/kit\/cli\.js\)/)
  assert.match(learning.stderr, /kit -> plugin-a \("plugin-a", from node_modules\/kit\/cli\.js\)/)

  const { resources } = policyOf(root)
  assert.deepEqual(resources.kit.packages, { $root$: true, 'kit>helper': true, 'plugin-a': true })
  // The reporter (own file, computed path) and the plugin were analysed: their builtins are there.
  assert.equal(resources.kit.builtin['os.EOL'], true)
  assert.deepEqual(resources['plugin-a'], { builtin: { 'fs.readFileSync': true } })

  const run = runCli(['--bin', 'kit'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, expected.stdout)
})

test('the debug policy says where each learned edge was requested', (t) => {
  const root = makeKitProject(t)
  assert.equal(runCli(['--bin', 'kit', '--autopolicy', '--writeAutoPolicyDebug'], { cwd: root }).status, 0)
  const debug = JSON.parse(fs.readFileSync(path.join(root, 'lavamoat/node/bin/kit/policy-debug.json'), 'utf8'))
  assert.deepEqual(debug.learned.packages.kit['plugin-a'], [{ request: 'plugin-a', file: 'node_modules/kit/cli.js' }])
  assert.equal(debug.learned.packages.kit.$root$.length, 1)
})

test('security: a builtin behind a computed name is never learned, and the run is refused it', (t) => {
  const root = makeKitProject(t)
  const learning = runCli(['--bin', 'kit', '--autopolicy', '--', 'plain', '--spawn'], { cwd: root })
  assert.match(learning.stdout, /refused: LAVAMOAT_BUILTIN_NOT_ALLOWED/)
  assert.match(learning.stderr, /refused, and not learnt[^]*package "kit" requested "child_process"/)
  // The override that would allow it is printed, for a person to decide on.
  const override = learning.stderr.slice(learning.stderr.indexOf('allows what was refused:\n') + 'allows what was refused:\n'.length)
  assert.deepEqual(JSON.parse(override.slice(0, override.indexOf('\n}') + 2)), { resources: { kit: { builtin: { child_process: true } } } })
  const { resources } = policyOf(root)
  assert.equal(resources.kit.builtin.child_process, undefined)
  const run = runCli(['--bin', 'kit', '--', 'plain', '--spawn'], { cwd: root })
  assert.match(run.stdout, /refused: LAVAMOAT_BUILTIN_NOT_ALLOWED/)
})

test('security: a package that neither the tool nor the project declares is not learned', (t) => {
  const root = makeKitProject(t)
  const learning = runCli(['--bin', 'kit', '--autopolicy', '--', 'plain', '--evil'], { cwd: root })
  assert.match(learning.stdout, /refused: LAVAMOAT_PACKAGE_NOT_ALLOWED/)
  assert.equal(policyOf(root).resources.kit.packages['other>stray'], undefined)
})

test('security: a dependency of the tool may learn the project\'s files; a package outside the tool may not', (t) => {
  const root = makeKitProject(t)
  const learning = runCli(['--bin', 'kit', '--autopolicy', '--', 'plain', '--peek'], { cwd: root })
  assert.match(learning.stdout, /peeked: data\.txt/)
  assert.equal(policyOf(root).resources['kit>helper'].packages.$root$, true)

  // The same helper, reached as a dependency of `other` (a package the project has, not the tool).
  const outside = makeKitProject(t, {
    'package.json': { name: 'app', version: '1.0.0', dependencies: { other: '1.0.0' }, devDependencies: { kit: '1.0.0', 'plugin-a': '1.0.0' } },
    'node_modules/other/package.json': { name: 'other', version: '1.0.0', dependencies: { helper: '1.0.0' } },
    'node_modules/kit/package.json': { name: 'kit', version: '1.0.0', bin: { kit: 'cli.js' }, dependencies: { other: '1.0.0' } },
    'node_modules/kit/cli.js': KIT.replace("require('helper')", "require('other')"),
    'node_modules/other/index.js': "module.exports = require('helper')\n",
  })
  const refused = runCli(['--bin', 'kit', '--autopolicy', '--', 'plain', '--peek'], { cwd: outside })
  assert.match(refused.stdout, /refused: LAVAMOAT_PACKAGE_NOT_ALLOWED/)
  assert.equal(policyOf(outside).resources['other>helper'].packages?.$root$, undefined)
})

test('--no-learn writes the static policy only and does not run the tool', (t) => {
  const root = makeKitProject(t)
  const written = runCli(['--bin', 'kit', '--autopolicy', '--no-learn'], { cwd: root })
  assert.equal(written.status, 0, written.stderr)
  assert.equal(written.stdout, '')
  assert.equal(policyOf(root).resources.kit.packages?.$root$, undefined)
})

test('the app\'s policy and the bin\'s are separate files', (t) => {
  const root = makeKitProject(t, { 'index.js': "console.log('app')\n" })
  assert.equal(runCli(['index.js', '--autopolicy'], { cwd: root }).status, 0)
  const appPolicy = fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8')
  assert.equal(runCli(['--bin', 'kit', '--autopolicy'], { cwd: root }).status, 0)
  assert.equal(fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8'), appPolicy)
  assert.equal(runCli(['index.js'], { cwd: root }).stdout, 'app\n')
  assert.equal(runCli(['--bin', 'kit'], { cwd: root }).status, 0)
})

// A test runner: defines `describe` on the global object it hands its interface (as mocha's
// pre-require event does, out of the analysis' sight), then loads the project's spec, which
// calls it. It also tries to replace `setTimeout`, which the host global has.
const RUNNER = `'use strict'
const path = require('path')
const found = []
function install(context) {
  context.describe = (name, fn) => { found.push(name); fn() }
  context.setTimeout = () => 'replaced'
}
install(global)
require(path.join(process.cwd(), 'test', 'a.spec.js'))
console.log(JSON.stringify(found))
`

function makeRunnerProject(t) {
  const root = makeProject({
    'package.json': { name: 'app', version: '1.0.0', devDependencies: { runner: '1.0.0' } },
    'test/a.spec.js': "describe('suite', () => console.log(typeof setTimeout(() => {}, 0)))\n",
    'node_modules/runner/package.json': { name: 'runner', version: '1.0.0', bin: { runner: 'cli.js' } },
    'node_modules/runner/cli.js': RUNNER,
  })
  t.after(() => fs.rmSync(root, { recursive: true, force: true }))
  return root
}

test('a global a tool creates (a test runner\'s describe) is learned as "write" and seen by the project\'s files', (t) => {
  const root = makeRunnerProject(t)
  const plain = spawnSync(process.execPath, ['node_modules/runner/cli.js'], { cwd: root, encoding: 'utf8' })
  assert.equal(plain.stdout, 'string\n["suite"]\n')
  const learning = runCli(['--bin', 'runner', '--autopolicy'], { cwd: root })
  assert.equal(learning.status, 0, learning.stderr)
  assert.match(learning.stderr, /runner created the global "describe" \("write"\)/)
  const { resources } = JSON.parse(fs.readFileSync(path.join(root, 'lavamoat/node/bin/runner/policy.json'), 'utf8'))
  assert.equal(resources.runner.globals.describe, 'write')
  // Security: a host global is never learned; the project keeps the real setTimeout.
  assert.equal(resources.runner.globals.setTimeout, undefined)
  const run = runCli(['--bin', 'runner'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, 'object\n["suite"]\n')
})

// A bundler that loads the project's config as vite does: a copy of it in a dot directory of
// node_modules, imported, then removed. The config requires `helper` (a dependency of the
// project), which nothing else loads and which uses a builtin.
const BUNDLER = `'use strict'
const fs = require('fs')
const path = require('path')
const dir = path.join(process.cwd(), 'node_modules', '.bundler-temp')
fs.mkdirSync(dir, { recursive: true })
const file = path.join(dir, 'bundler.config.' + process.pid + '.js')
fs.writeFileSync(file, fs.readFileSync(path.join(process.cwd(), 'bundler.config.js')))
try {
  console.log(require(file).message)
} finally {
  fs.rmSync(file)
}
`

test('a config a tool copies into a dot directory of node_modules, loads and removes (vite\'s .vite-temp) is the project\'s: learned, and what it needs kept', (t) => {
  const root = makeProject({
    'package.json': { name: 'app', version: '1.0.0', dependencies: { helper: '1.0.0' }, devDependencies: { bundler: '1.0.0' } },
    'bundler.config.js': "module.exports = { message: 'config says ' + require('helper') }\n",
    'node_modules/bundler/package.json': { name: 'bundler', version: '1.0.0', bin: { bundler: 'cli.js' } },
    'node_modules/bundler/cli.js': BUNDLER,
    'node_modules/helper/package.json': { name: 'helper', version: '1.0.0' },
    'node_modules/helper/index.js': "module.exports = typeof require('os').EOL\n",
  })
  t.after(() => fs.rmSync(root, { recursive: true, force: true }))
  const plain = spawnSync(process.execPath, ['node_modules/bundler/cli.js'], { cwd: root, encoding: 'utf8' })
  assert.equal(plain.stdout, 'config says string\n', plain.stderr)

  const learning = runCli(['--bin', 'bundler', '--autopolicy'], { cwd: root })
  assert.equal(learning.status, 0, learning.stderr)
  assert.match(learning.stderr, /bundler -> \$root\$ \(".*\.bundler-temp\/bundler\.config\.\d+\.js", from node_modules\/bundler\/cli\.js\)/)
  const { resources } = JSON.parse(fs.readFileSync(path.join(root, 'lavamoat/node/bin/bundler/policy.json'), 'utf8'))
  assert.equal(resources.bundler.packages.$root$, true)
  // Found by the analysis of the removed copy only.
  assert.deepEqual(resources.helper, { builtin: { 'os.EOL': true } })

  const run = runCli(['--bin', 'bundler'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, plain.stdout)
})

test('a file the analysis cannot read (a .coffee a tool resolves) is listed, and the policy is still written', (t) => {
  const root = makeKitProject(t)
  const learning = runCli(['--bin', 'kit', '--autopolicy', '--', 'plain', '--resolve-other'], { cwd: root })
  assert.equal(learning.status, 0, learning.stderr)
  assert.match(learning.stdout, /notes\.coffee/)
  assert.match(learning.stderr, /notes\.coffee could not be analysed: .*unknown module file extension "\.coffee"/)
  assert.equal(policyOf(root).resources.kit.packages.$root$, true)
})

test('security: a plugin the config names gets what its code uses, and a builtin it hides stays refused', (t) => {
  const root = makeKitProject(t, {
    'package.json': { name: 'app', version: '1.0.0', devDependencies: { kit: '1.0.0', 'plugin-a': '1.0.0', 'plugin-evil': '1.0.0' } },
    'kit.config.js': "module.exports = { plugins: ['plugin-a', 'plugin-evil'], file: 'data.txt' }\n",
    'node_modules/plugin-evil/package.json': { name: 'plugin-evil', version: '1.0.0' },
    'node_modules/plugin-evil/index.js':
      "module.exports = () => { try { require(['child', 'process'].join('_')).execSync('id'); return 'escaped' } catch (err) { return err.code } }\n",
  })
  const learning = runCli(['--bin', 'kit', '--autopolicy'], { cwd: root })
  assert.equal(learning.stdout, 'hello from data,LAVAMOAT_BUILTIN_NOT_ALLOWED at string\n')
  const { resources } = policyOf(root)
  assert.equal(resources.kit.packages['plugin-evil'], true)
  assert.equal(resources['plugin-evil'], undefined)
  const run = runCli(['--bin', 'kit'], { cwd: root })
  assert.equal(run.stdout, 'hello from data,LAVAMOAT_BUILTIN_NOT_ALLOWED at string\n')
})
