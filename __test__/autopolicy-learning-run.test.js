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

// A module system (as jest-runtime): compiles a file of the project with vm, in the context
// its dependency `vm-env` makes (as jest-environment-node: the context gets vm-env's own
// globals), and answers the builtins that code asks for with its own require, by the names
// the code gives. `vm-run` compiles in the host realm (compileFunction); `ctx-run` only in a
// realm of its own. Modes: `test` runs test/a.test.js; `spawn` runs spawn.js, a project file
// that names child_process; `forged` compiles a string naming child_process under
// a.test.js's name; `computed` compiles a string that asks for child_process by a computed
// name; `nameless` compiles spawn.js's text with no filename.
const VM_ENV = `'use strict'
const vm = require('vm')
module.exports = () => {
  const context = vm.createContext({})
  for (const name of ['setTimeout', 'setInterval']) if (name in globalThis) context[name] = globalThis[name]
  return context
}
`
const VM_RUN = `'use strict'
const fs = require('fs')
const path = require('path')
const vm = require('vm')
const parsingContext = require('vm-env')()
if (process.argv[3] === 'hijack') require('hijack')(parsingContext)
function run(file, source, filename) {
  const compiled = vm.compileFunction(source, ['require', 'module'], filename === undefined ? { parsingContext } : { filename, parsingContext })
  const module = { exports: {} }
  compiled((name) => require(name), module)
  return module.exports
}
const at = (name) => path.join(process.cwd(), name)
const text = (name) => fs.readFileSync(at(name), 'utf8')
const modes = {
  test: () => run(at('test/a.test.js'), text('test/a.test.js'), at('test/a.test.js')),
  spawn: () => run(at('spawn.js'), text('spawn.js'), at('spawn.js')),
  forged: () => run(at('test/a.test.js'), "module.exports = typeof require('child_process').execSync", at('test/a.test.js')),
  computed: () => run(at('spawn.js'), "module.exports = typeof require(['child', 'process'].join('_')).execSync", at('spawn.js')),
  nameless: () => run(at('spawn.js'), text('spawn.js')),
}
try { console.log(modes[process.argv[2]]()) } catch (err) { console.log('refused: ' + err.code) }
`
const CTX_RUN = `'use strict'
const fs = require('fs')
const path = require('path')
const vm = require('vm')
const file = path.join(process.cwd(), 'spawn.js')
const context = vm.createContext({ require: (name) => require(name), module: { exports: {} } })
try { vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file }); console.log(context.module.exports) } catch (err) { console.log('refused: ' + err.code) }
`

function makeVmProject(t) {
  const root = makeProject({
    'package.json': { name: 'app', version: '1.0.0', devDependencies: { 'vm-run': '1.0.0', 'ctx-run': '1.0.0' } },
    'test/a.test.js': "const path = require('path')\nlet timer = 'none'\ntry { setTimeout(() => {}, 0); timer = 'timer' } catch {}\nmodule.exports = path.basename('/x/y.txt') + ' ' + timer\n",
    'spawn.js': "module.exports = typeof require('child_process').execSync\n",
    'node_modules/vm-run/package.json': { name: 'vm-run', version: '1.0.0', bin: { 'vm-run': 'cli.js' }, dependencies: { 'vm-env': '1.0.0', hijack: '1.0.0' } },
    'node_modules/hijack/package.json': { name: 'hijack', version: '1.0.0' },
    'node_modules/hijack/index.js': "const vm = require('vm')\nmodule.exports = (context) => vm.createContext(context)\n",
    'node_modules/vm-run/cli.js': VM_RUN,
    'node_modules/vm-env/package.json': { name: 'vm-env', version: '1.0.0' },
    'node_modules/vm-env/index.js': VM_ENV,
    'node_modules/ctx-run/package.json': { name: 'ctx-run', version: '1.0.0', bin: { 'ctx-run': 'cli.js' } },
    'node_modules/ctx-run/cli.js': CTX_RUN,
  })
  t.after(() => fs.rmSync(root, { recursive: true, force: true }))
  return root
}
const binPolicyOf = (root, bin) => JSON.parse(fs.readFileSync(path.join(root, `lavamoat/node/bin/${bin}/policy.json`), 'utf8'))

test('a module system that compiles a project file with vm is granted the builtins that code names, the maker of its context the globals, with where they came from', (t) => {
  const root = makeVmProject(t)
  assert.equal(spawnSync(process.execPath, ['node_modules/vm-run/cli.js', 'test'], { cwd: root, encoding: 'utf8' }).stdout, 'y.txt timer\n')
  const learning = runCli(['--bin', 'vm-run', '--autopolicy', '--writeAutoPolicyDebug', '--', 'test'], { cwd: root })
  assert.equal(learning.status, 0, learning.stderr)
  // vm-env filled the context before the code named setTimeout: not in this run.
  assert.equal(learning.stdout, 'y.txt none\n')
  assert.match(learning.stderr, /vm-run -> builtin path\.basename \(compiled from test\/a\.test\.js\)/)
  assert.match(learning.stderr, /vm-run>vm-env -> global setTimeout \(compiled from test\/a\.test\.js\)/)
  assert.match(learning.stderr, /vm-run>vm-env was granted those globals after it made the context/)
  // Exactly what the analysis of that code gives: the member it uses, the global it reads.
  const { resources } = binPolicyOf(root, 'vm-run')
  assert.equal(resources['vm-run'].builtin['path.basename'], true)
  assert.deepEqual(resources['vm-run>vm-env'].globals, { setTimeout: true })
  const debug = JSON.parse(fs.readFileSync(path.join(root, 'lavamoat/node/bin/vm-run/policy-debug.json'), 'utf8'))
  assert.deepEqual(debug.learned.compiled, {
    'vm-run': { builtin: { 'path.basename': ['test/a.test.js'] } },
    'vm-run>vm-env': { globals: { setTimeout: ['test/a.test.js'] } },
  })
  const run = runCli(['--bin', 'vm-run', '--', 'test'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, 'y.txt timer\n')
})

test('security: code compiled with vm gives no builtin it names only by a computed name, nor one a string names under a file\'s name, nor any without a filename', (t) => {
  const root = makeVmProject(t)
  for (const mode of ['computed', 'forged', 'nameless']) {
    const learning = runCli(['--bin', 'vm-run', '--autopolicy', '--', mode], { cwd: root })
    assert.equal(learning.stdout, 'refused: LAVAMOAT_BUILTIN_NOT_ALLOWED\n', mode)
    assert.match(learning.stderr, /package "vm-run" requested "child_process"/, mode)
    assert.deepEqual(Object.keys(binPolicyOf(root, 'vm-run').resources['vm-run'].builtin).filter((key) => key.startsWith('child_process')), [], mode)
  }
})

test('security: a project file that names child_process, compiled in the host realm, grants it only in the learning run, shown; not in a run, not to a realm of the package\'s own', (t) => {
  const root = makeVmProject(t)
  // The policy without it, then a run (no learning) that compiles the file: refused.
  assert.equal(runCli(['--bin', 'vm-run', '--autopolicy', '--', 'test'], { cwd: root }).status, 0)
  assert.equal(runCli(['--bin', 'vm-run', '--', 'spawn'], { cwd: root }).stdout, 'refused: LAVAMOAT_BUILTIN_NOT_ALLOWED\n')
  // The learning run grants it, and says so with the file it came from.
  const learning = runCli(['--bin', 'vm-run', '--autopolicy', '--', 'spawn'], { cwd: root })
  assert.equal(learning.stdout, 'function\n')
  assert.match(learning.stderr, /vm-run -> builtin child_process\.execSync \(compiled from spawn\.js\)/)
  assert.match(learning.stderr, /vm-run: !\+builtin child_process\.execSync/)
  // A package that runs code only in realms of its own (runInContext) holds no host power: nothing learned.
  const contained = runCli(['--bin', 'ctx-run', '--autopolicy'], { cwd: root })
  assert.equal(contained.stdout, 'refused: LAVAMOAT_BUILTIN_NOT_ALLOWED\n')
  assert.deepEqual(Object.keys(binPolicyOf(root, 'ctx-run').resources['ctx-run'].builtin).filter((key) => key.startsWith('child_process')), [])
})

test('a package of the tool named through the project\'s path (reached first there) is still the tool\'s to learn', (t) => {
  // syn is a dependency of kit's preset and of the project's other-preset; it is named
  // `other-preset>syn`. kit loads the plugin path its preset resolves, as @babel/core does.
  const root = makeProject({
    'package.json': { name: 'app', version: '1.0.0', devDependencies: { kit: '1.0.0', 'other-preset': '1.0.0' } },
    'node_modules/kit/package.json': { name: 'kit', version: '1.0.0', bin: { kit: 'cli.js' }, dependencies: { preset: '1.0.0' } },
    'node_modules/kit/cli.js': "const { plugin } = require('preset')\nconsole.log(require(plugin))\n",
    'node_modules/preset/package.json': { name: 'preset', version: '1.0.0', dependencies: { syn: '1.0.0' } },
    'node_modules/preset/index.js': "require('syn')\nexports.plugin = require.resolve('syn')\n",
    'node_modules/other-preset/package.json': { name: 'other-preset', version: '1.0.0', dependencies: { syn: '1.0.0' } },
    'node_modules/other-preset/index.js': "module.exports = require('syn')\n",
    'node_modules/syn/package.json': { name: 'syn', version: '1.0.0' },
    'node_modules/syn/index.js': "module.exports = 'syn'\n",
  })
  t.after(() => fs.rmSync(root, { recursive: true, force: true }))
  const learning = runCli(['--bin', 'kit', '--autopolicy'], { cwd: root })
  assert.equal(learning.status, 0, learning.stderr)
  assert.equal(learning.stdout, 'syn\n')
  const { resources } = binPolicyOf(root, 'kit')
  assert.equal(resources.kit.packages['other-preset>syn'], true)
  assert.equal(runCli(['--bin', 'kit'], { cwd: root }).stdout, 'syn\n')
})

test('security: a package that makes another package\'s context a context again is not its maker, granted its code\'s globals', (t) => {
  const root = makeVmProject(t)
  const learning = runCli(['--bin', 'vm-run', '--autopolicy', '--', 'test', 'hijack'], { cwd: root })
  assert.equal(learning.status, 0, learning.stderr)
  const { resources } = binPolicyOf(root, 'vm-run')
  assert.deepEqual(resources['vm-run>vm-env'].globals, { setTimeout: true })
  assert.equal(resources['vm-run>hijack'].globals, undefined)
})
