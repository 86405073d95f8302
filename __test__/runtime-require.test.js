'use strict'
// require(): module semantics, builtin attenuation, require.resolve, root files reached by
// dependencies, the JS-side resolution cache.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { scaffold, writeProject, runProject, resultOf } = require('./helpers/runtime-project')

const resultFor = (spec) => resultOf(runProject(scaffold(spec)))

test('CommonJS semantics: this === module.exports, cycles see partial exports, JSON, shebang, require of an .mjs module', () => {
  const dir = writeProject({
    files: {
      'index.js': "console.log(JSON.stringify(require('one')))\n",
      'node_modules/one/index.js': [
        '#!/usr/bin/env node',
        "exports.early = 'set before the cycle'",
        "const a = require('./a.js')",
        'module.exports = { thisIsExports: this === exports, fromCycle: a.sawEarly, data: require(\'./data.json\'), mjs: require(\'./esm-named.mjs\').default, dirname: __dirname.endsWith(\'one\'), filename: __filename.endsWith(\'index.js\') }',
      ].join('\n'),
      'node_modules/one/a.js': "exports.sawEarly = require('./index.js').early\n",
      'node_modules/one/data.json': '{"x": [1, 2], "html": "</script><!--"}',
      // An .mjs file is an ES module, as in Node (the reference runs it as CommonJS).
      'node_modules/one/esm-named.mjs': 'export default 1\n',
    },
    packages: { 'node_modules/one': [] },
  })
  assert.deepEqual(resultOf(runProject(dir)), {
    thisIsExports: true, fromCycle: 'set before the cycle', data: { x: [1, 2], html: '</script><!--' }, mjs: 1, dirname: true, filename: true,
  })
})

test('builtin attenuation: minimal view of granted paths; the whole module when granted whole', () => {
  assert.deepEqual(resultFor({
    one: () => {
      const fs = require('fs')
      const path = require('path')
      module.exports = {
        fsKeys: Object.keys(fs).sort(),
        promisesKeys: Object.keys(fs.promises),
        readWorks: fs.readFileSync(__filename, 'utf8').length > 0,
        pathJoin: path.join('a', 'b'),
        pathHasResolve: typeof path.resolve,
      }
    },
    policy: { resources: { one: { builtin: { 'fs.readFileSync': true, 'fs.promises.readFile': true, path: true } } } },
  }), { fsKeys: ['promises', 'readFileSync'], promisesKeys: ['readFile'], readWorks: true, pathJoin: 'a/b', pathHasResolve: 'function' })
})

test('builtin: a false path under a granted one is removed', () => {
  assert.deepEqual(resultFor({
    one: () => {
      const os = require('os')
      module.exports = { hostname: typeof os.hostname, signals: typeof os.constants.signals, errno: typeof os.constants.errno }
    },
    policy: { resources: { one: { builtin: { 'os.hostname': true, 'os.constants': true, 'os.constants.signals': false } } } },
  }), { hostname: 'function', signals: 'undefined', errno: 'object' })
})

test('require.resolve is policy-checked and returns real paths / builtin ids', () => {
  const dir = scaffold({
    entry: () => { console.log(JSON.stringify(require('one'))) },
    one: () => {
      let denied
      try { require.resolve('three/package.json') } catch (err) { denied = err.code }
      let deniedBuiltin
      try { require.resolve('fs') } catch (err) { deniedBuiltin = err.code }
      module.exports = { own: require.resolve('./index.js'), two: require.resolve('two'), denied, deniedBuiltin }
    },
    policy: { resources: { one: { packages: { two: true, three: false } } } },
  })
  assert.deepEqual(resultOf(runProject(dir)), {
    own: path.join(dir, 'node_modules/one/index.js'),
    two: path.join(dir, 'node_modules/two/index.js'),
    denied: 'LAVAMOAT_PACKAGE_NOT_ALLOWED',
    deniedBuiltin: 'LAVAMOAT_BUILTIN_NOT_ALLOWED',
  })
})

test('an app file reached from a dependency needs packages.$root$ and runs as the app\'s own code, once', () => {
  const files = {
    'index.js': "const viaDep = require('one'); const direct = require('./config.js'); console.log(JSON.stringify({ viaDep, direct }))\n",
    'config.js': "console.log('config.js runs'); module.exports = { process: typeof process, console: typeof console }\n",
    'node_modules/one/index.js': "module.exports = require('../../config.js')\n",
  }
  // A policy that does not grant it (with no policy file at all the error is the missing policy).
  const denied = runProject(writeProject({ files, packages: { 'node_modules/one': [] }, policy: { resources: {} } }))
  assert.equal(denied.status, 1)
  assert.match(denied.stderr, /LavaMoat - required package not in allowlist: package "one" requested "\$root\$" as "..\/..\/config.js"/)
  const granted = writeProject({ files, packages: { 'node_modules/one': [] }, policy: { resources: { one: { packages: { $root$: true } } } } })
  const run = runProject(granted)
  assert.equal(run.stdout.split('config.js runs').length - 1, 1, run.stdout)
  assert.deepEqual(resultOf(run), {
    viaDep: { process: 'object', console: 'object' },
    direct: { process: 'object', console: 'object' },
  })
})

test('resolutions redirect a package\'s request (relative to the project root)', () => {
  const dir = writeProject({
    files: {
      'index.js': "console.log(JSON.stringify(require('one')))\n",
      'alt/z.js': "module.exports = 'alternative z'\n",
      'node_modules/one/index.js': "module.exports = require('z')\n",
    },
    packages: { 'node_modules/one': [] },
    policy: { resources: { one: { packages: { $root$: true } } }, resolutions: { one: { z: './alt/z.js' } } },
  })
  assert.equal(resultOf(runProject(dir)), 'alternative z')
})

test('undeclared hoisted dependency fails naming the importer, the dependency and the file', () => {
  const dir = writeProject({
    files: { 'index.js': "require('one')\n", 'node_modules/one/index.js': "require('hidden')\n", 'node_modules/hidden/index.js': '' },
    packages: { 'node_modules/one': [] },
    rootDependencies: ['one'],
    policy: { resources: { one: { packages: { hidden: true } } } },
  })
  const run = runProject(dir)
  assert.equal(run.status, 1)
  const file = path.join(dir, 'node_modules/hidden/index.js')
  assert.ok(
    run.stderr.includes(`package "one" requires "hidden" (file "${file}"), which its package.json does not declare`),
    run.stderr,
  )
})

test('the root package is unrestricted (any package, any builtin, unattenuated)', () => {
  const dir = scaffold({
    entry: () => {
      const fs = require('node:fs')
      console.log(JSON.stringify({ three: require('three').value, fsKeys: Object.keys(fs).length > 20 }))
    },
    defaultPolicy: false,
    policy: null,
  })
  assert.deepEqual(resultOf(runProject(dir)), { three: 'this is module three', fsKeys: true })
})

test('a require already seen from a directory does not call into Rust again', () => {
  const dir = scaffold({
    entry: () => {
      for (let i = 0; i < 500; i += 1) require('one')
      console.log(JSON.stringify(require('one')))
    },
    one: () => {
      for (let i = 0; i < 500; i += 1) require('two')
      module.exports = { value: require('two').value }
    },
  })
  const run = runProject(dir, { nodeArgs: ['-r', path.join(__dirname, 'helpers', 'count-native-calls.js')] })
  assert.deepEqual(resultOf(run), { value: 'this is module two' })
  const counts = JSON.parse(run.stderr.match(/NATIVE_CALLS (.*)/)[1])
  // index.js -> one, one -> two: one resolution each; three package directories named (the
  // entry's, then one per require, which names the requiring package for its error).
  assert.deepEqual(counts, { resolve: 2, packageNameForPath: 1, packageNameForImport: 2 })
})

test('repl and domain, which start Node.js domains SES disables, load as stand-ins whose use says why (ts-node requires repl at load)', () => {
  const dir = writeProject({
    files: {
      'index.js': [
        "const cli = require('cli')",
        "const repl = require('repl')",
        'const use = (f) => { try { return f() } catch (err) { return `${err.code}: ${err.message}` } }',
        "console.log(JSON.stringify({ cli: cli.run(), rootRepl: use(() => repl.start), rootDomain: use(() => require('domain').create()), node: typeof process.domain }))",
        "import('esm-cli').catch((err) => console.log(err.code, err.message.includes('\"repl\" module cannot be loaded')))",
      ].join('\n'),
      // ts-node's dist/repl.js: `require("repl")` at load, `repl.start` only in its REPL mode
      'node_modules/cli/index.js': [
        "const repl = require('repl')",
        "const domain = require('domain')",
        "exports.run = () => { try { repl.start() } catch (err) { return [err.code, typeof repl, typeof domain, repl.__esModule, String(err.message.includes('SES_NO_DOMAINS'))].join(' ') } }",
      ].join('\n'),
      'node_modules/esm-cli/package.json': JSON.stringify({ name: 'esm-cli', version: '1.0.0', type: 'module' }),
      'node_modules/esm-cli/index.js': "import { start } from 'repl'\nexport default start\n",
    },
    packages: { 'node_modules/cli': [], 'node_modules/esm-cli': [] },
    policy: { resources: { cli: { builtin: { 'repl.start': true, domain: true } }, 'esm-cli': { builtin: { 'repl.start': true } } } },
  })
  const result = runProject(dir)
  assert.equal(result.status, 0, result.stderr)
  const [first, second] = result.stdout.split('\n')
  const out = JSON.parse(first)
  assert.equal(out.cli, 'LAVAMOAT_NO_DOMAINS object object  true')
  assert.match(out.rootRepl, /^LAVAMOAT_NO_DOMAINS: LavaMoat: Node's "repl" module cannot be loaded/)
  assert.match(out.rootDomain, /^LAVAMOAT_NO_DOMAINS: LavaMoat: Node's "domain" module cannot be loaded/)
  assert.equal(out.node, 'object')
  assert.equal(second, 'LAVAMOAT_NO_DOMAINS true')
})

test('require.main is the entry module for the modules of its package (a bin\'s `require.main === module`), nobody else\'s', () => {
  const dir = writeProject({
    files: {
      'index.js': "require('./lib.js')\nconsole.log(JSON.stringify({ entry: require.main === module, dep: require('dep').main }))\n",
      'lib.js': "console.log('lib', typeof require.main, require.main !== module)\n",
      'node_modules/dep/index.js': 'exports.main = typeof require.main\n',
      // a CLI run with --bin: its bin is the entry, and it runs its main
      'node_modules/tool/package.json': JSON.stringify({ name: 'tool', version: '1.0.0', bin: { tool: 'bin.js' } }),
      'node_modules/tool/bin.js': "const main = () => console.log('main ran', require('./other.js').sameMain(module))\nif (require.main === module) main()\n",
      'node_modules/tool/other.js': 'exports.sameMain = (module) => require.main === module\n',
    },
    packages: { 'node_modules/dep': [], 'node_modules/tool': [] },
    policy: { resources: { tool: { globals: { console: true } } } },
  })
  const app = runProject(dir)
  assert.equal(app.status, 0, app.stderr)
  assert.equal(app.stdout, 'lib object true\n{"entry":true,"dep":"undefined"}\n')
  const bin = runProject(dir, { entry: 'node_modules/tool/bin.js' })
  assert.equal(bin.status, 0, bin.stderr)
  assert.equal(bin.stdout, 'main ran true\n')
})

test('require.extensions is a table of the package\'s own; require.resolve.paths; Module.runMain says it runs nothing (ts-node)', () => {
  const dir = writeProject({
    files: {
      'index.js': "console.log(JSON.stringify(require('loader').run()))\n",
      'node_modules/loader/index.js': [
        "const Module = require('module')",
        "require.extensions['.ts'] = function () {}",
        'exports.run = () => {',
        "  const shared = require('./other.js').sees",
        '  let runMain',
        '  try { Module.runMain() } catch (err) { runMain = err.code }',
        "  let handler",
        "  try { require.extensions['.js']({}, 'x.js') } catch (err) { handler = /not LavaMoat's loader/.test(err.message) }",
        "  const paths = require.resolve.paths('dep')",
        "  return { keys: Object.keys(require.extensions), shared, runMain, handler, builtin: require.resolve.paths('fs'), relative: require.resolve.paths('./x') [0] === __dirname, first: paths[0] === require('path').join(__dirname, 'node_modules') }",
        '}',
      ].join('\n'),
      'node_modules/loader/other.js': "exports.sees = typeof require.extensions['.ts']\n",
    },
    packages: { 'node_modules/loader': [] },
    policy: { resources: { loader: { builtin: { module: true, 'path.join': true } } } },
  })
  const result = runProject(dir)
  assert.equal(result.status, 0, result.stderr)
  assert.deepEqual(JSON.parse(result.stdout), {
    keys: ['.js', '.json', '.node', '.ts'], shared: 'function', runMain: 'LAVAMOAT_RUN_MAIN', handler: true, builtin: null, relative: true, first: true,
  })
})

test('a package granted `module` gets a Module of its own: resolving works, loading goes through its policy (resolve-from, import-fresh)', () => {
  const dir = writeProject({
    files: {
      'index.js': "console.log(JSON.stringify(require('resolver').run()))\n",
      'node_modules/resolver/index.js': [
        "const Module = require('module')",
        "const path = require('path')",
        'exports.run = () => {',
        // resolve-from's way: a parent made of data, Node's resolution.
        "  const from = path.join(__dirname, 'x.js')",
        "  const resolved = Module._resolveFilename('dep', { id: from, filename: from, paths: Module._nodeModulePaths(__dirname) })",
        "  const loaded = Module._load('dep', { filename: from }).name",
        "  const viaPrototype = new Module(from).require('dep').name",
        "  const refused = (load) => { try { load(); return 'loaded' } catch (err) { return /not in allowlist/.test(err.message) ? 'refused' : err.message } }",
        '  let compile',
        "  try { new Module(from)._compile('1', from) } catch (err) { compile = err.code }",
        '  return {',
        "    resolved: path.relative(__dirname, resolved),",
        '    loaded,',
        '    viaPrototype,',
        "    notGranted: refused(() => Module._load('os')),",
        "    otherPackage: refused(() => Module.prototype.require.call({ filename: from }, 'other')),",
        '    compile,',
        "    ownTables: [Object.keys(Module._cache).length, Object.keys(Module._extensions).join(' ')],",
        "    self: [Module.Module._load('dep', { filename: from }).name, new Module.prototype.constructor(from).require('dep').name],",
        "    builtins: Module.builtinModules.includes('fs') && Module.isBuiltin('node:fs'),",
        '  }',
        '}',
      ].join('\n'),
      'node_modules/resolver/node_modules/dep/index.js': "exports.name = 'dep'\n",
      'node_modules/other/index.js': "exports.name = 'other'\n",
    },
    packages: { 'node_modules/resolver': ['dep'], 'node_modules/resolver/node_modules/dep': [], 'node_modules/other': [] },
    policy: { resources: { resolver: { builtin: { module: true, path: true }, packages: { 'resolver>dep': true } } } },
  })
  const result = runProject(dir)
  assert.equal(result.status, 0, result.stderr)
  assert.deepEqual(JSON.parse(result.stdout), {
    resolved: path.join('node_modules', 'dep', 'index.js'),
    loaded: 'dep',
    viaPrototype: 'dep',
    notGranted: 'refused',
    otherPackage: 'refused',
    compile: 'LAVAMOAT_MODULE_LOADER',
    ownTables: [0, '.js .json .node'],
    self: ['dep', 'dep'],
    builtins: true,
  })
})

test('vm in a package: "this context" is its compartment (its globals and policy); new contexts stay Node\'s', () => {
  assert.deepEqual(resultFor({
    one: () => {
      const vm = require('vm')
      const script = new vm.Script('typeof process + " " + typeof URL + " " + (1 + 1)', { filename: 'x.js' })
      let syntax
      try { vm.runInThisContext('(', { filename: 'bad.js' }) } catch (err) { syntax = `${err.name} ${err.stack.includes('bad.js')}` }
      let thrown
      try { vm.runInThisContext('throw new RangeError("from vm")') } catch (err) { thrown = `${err instanceof RangeError} ${err.message}` }
      module.exports = {
        thisContext: vm.runInThisContext('typeof process + " " + typeof URL'),
        script: script.runInThisContext(),
        isScript: script instanceof vm.Script,
        compiled: vm.compileFunction('return a + b + typeof process', ['a', 'b'])(1, 2),
        newContext: vm.runInNewContext('x * 2 + typeof process', { x: 21 }),
        scriptInContext: script.runInContext(vm.createContext({ process: 'p' })),
        inParsingContext: vm.compileFunction('return typeof y', [], { parsingContext: vm.createContext({ y: 1 }) })(),
        syntax,
        thrown,
      }
    },
    policy: { resources: { one: { builtin: { vm: true }, globals: { URL: true } } } },
  }), {
    thisContext: 'undefined function',
    script: 'undefined function 2',
    isScript: true,
    compiled: '3undefined',
    newContext: '42undefined',
    scriptInContext: 'string undefined 2',
    inParsingContext: 'number',
    syntax: 'SyntaxError true',
    thrown: 'true from vm',
  })
})

test("require.cache: a package sees its own loaded modules only; deleting an entry loads the file anew where it may require it", () => {
  const dir = scaffold({
    entry: () => {
      require('three')
      console.log(JSON.stringify(require('one')))
    },
    one: () => {
      const counter = require('./counter.js')
      counter.count++
      const file = require.resolve('./counter.js')
      const two = require.resolve('two')
      require('two')
      const ownKeys = Object.keys(require.cache).map((key) => key.split('node_modules')[1])
      const sawOwn = require.cache[file] !== undefined && require.cache[file].exports === counter
      // Another package's module, loaded by the app: not in this package's view.
      const sawOther = require.cache[two] !== undefined || Object.keys(require.cache).some((key) => key.includes('three'))
      delete require.cache[file]
      const fresh = require('./counter.js')
      module.exports = { ownKeys, sawOwn, sawOther, oldCount: counter.count, freshCount: fresh.count, same: fresh === counter }
    },
    policy: { resources: { one: { packages: { two: true } } } },
    files: { 'node_modules/one/counter.js': 'exports.count = 0\n' },
  })
  assert.deepEqual(resultOf(runProject(dir)), {
    ownKeys: [path.join('/one/index.js'), path.join('/one/counter.js')],
    sawOwn: true,
    sawOther: false,
    oldCount: 1,
    freshCount: 0,
    same: false,
  })
})

test('eval("require") in CommonJS is the module\'s require, granted by --autopolicy and policy-checked (threads.js\'s webpack hack)', () => {
  const dir = writeProject({
    files: {
      'index.js': "console.log(JSON.stringify(require('hacky')))\n",
      'node_modules/hacky/index.js': [
        "const req = eval('require')",
        "const dir = eval(\"__dirname\")",
        'module.exports = {',
        "  joined: req('path').join('a', 'b'),",
        "  resolved: eval('require').resolve('./index.js') === __filename,",
        "  dir: dir === __dirname,",
        "  refused: (() => { try { req('fs'); return 'loaded' } catch (err) { return err.code } })(),",
        '}',
        "if (false) require('fs')",
      ].join('\n'),
    },
    packages: { 'node_modules/hacky': [] },
  })
  const plain = spawnSync(process.env.LAVAMOAT_TEST_NODE || process.execPath, ['index.js'], { cwd: dir, encoding: 'utf8' })
  assert.deepEqual(JSON.parse(plain.stdout), { joined: 'a/b', resolved: true, dir: true, refused: 'loaded' })
  const generated = runProject(dir, { args: ['--autopolicy'] })
  assert.equal(generated.status, 0, generated.stderr)
  const policyPath = path.join(dir, 'lavamoat/node/policy.json')
  const policy = JSON.parse(fs.readFileSync(policyPath, 'utf8'))
  assert.equal(policy.resources.hacky.builtin['path.join'], true, JSON.stringify(policy.resources.hacky))
  // fs is taken out of the policy: the require through eval is refused as any require is.
  delete policy.resources.hacky.builtin.fs
  fs.writeFileSync(policyPath, JSON.stringify(policy))
  assert.deepEqual(resultOf(runProject(dir)), { joined: 'a/b', resolved: true, dir: true, refused: 'LAVAMOAT_BUILTIN_NOT_ALLOWED' })
})
