'use strict'
// ECMAScript modules at run time: each app prints the same under lavamoat as under plain node
// (ESM entries and packages, both directions of CommonJS interop, live bindings, cycles,
// `export *`, top-level await, import.meta, JSON, dynamic import, `imports` maps), and every
// import is checked against the policy like a require.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const { writeProject, runProject } = require('./helpers/runtime-project')

const NODE = process.env.LAVAMOAT_TEST_NODE || process.execPath

const esmPackage = (name, extra = {}) => JSON.stringify({ name, version: '1.0.0', type: 'module', ...extra })

/** Runs the project under node and under lavamoat; both must exit 0 and print the same. */
function assertSameAsNode(spec, entry = 'index.js') {
  const root = writeProject(spec)
  const plain = spawnSync(NODE, [entry], { cwd: root, encoding: 'utf8' })
  assert.equal(plain.status, 0, plain.stderr)
  const isolated = runProject(root, { entry })
  assert.equal(isolated.status, 0, isolated.stderr)
  assert.equal(isolated.stdout, plain.stdout)
  return isolated.stdout
}

test('an ESM app and ESM package: default and named imports, live bindings, import.meta', () => {
  const out = assertSameAsNode({
    files: {
      'package.json': esmPackage('app', { dependencies: { counter: '1.0.0' } }),
      'index.js': [
        "import greet, { count, inc, total as sum } from 'counter'",
        "import * as all from 'counter'",
        'inc(); inc()',
        "console.log(greet('world'), count, sum(), all.count, Object.keys(all).join())",
        "console.log(import.meta.url.endsWith('/index.js'), import.meta.filename.endsWith('index.js'), typeof import.meta.dirname)",
        "console.log(import.meta.resolve('counter').endsWith('/node_modules/counter/main.js'))",
      ].join('\n'),
      'node_modules/counter/package.json': esmPackage('counter', { exports: { '.': { import: './main.js', require: './main.cjs' } } }),
      'node_modules/counter/main.cjs': "module.exports = 'the require build'\n",
      'node_modules/counter/main.js': [
        "import { join } from 'node:path'",
        'export let count = 0',
        'export function inc() { count++ }',
        'export const total = () => count * 10',
        "export default function (name) { return join('hello', name) }",
      ].join('\n'),
    },
    packages: { 'node_modules/counter': [] },
    policy: { resources: { counter: { builtin: { 'node:path.join': true } } } },
  })
  assert.match(out, /^hello\/world 2 20 2 count,default,inc,total\ntrue true string\ntrue\n$/)
})

test('ESM imports CommonJS: default is module.exports, names as Node finds them', () => {
  assertSameAsNode({
    files: {
      'package.json': esmPackage('app', { dependencies: { legacy: '1.0.0' } }),
      'index.js': "import legacy, { add, version } from 'legacy'\nconsole.log(add(2, 3), version, typeof legacy, legacy.add === add)\n",
      'node_modules/legacy/index.js': "exports.add = (a, b) => a + b\nexports.version = '1.2.3'\n",
    },
    packages: { 'node_modules/legacy': [] },
    policy: { resources: {} },
  })
})

test('CommonJS requires ESM: the namespace, synchronously; top-level await refuses as in Node', () => {
  const out = assertSameAsNode({
    files: {
      'index.js': [
        "const ns = require('modern')",
        "console.log(ns.default, ns.twice(21), Object.keys(ns).join())",
        "try { require('slow') } catch (err) { console.log(err.code) }",
      ].join('\n'),
      'node_modules/modern/package.json': esmPackage('modern'),
      'node_modules/modern/index.js': "export default 'modern default'\nexport const twice = (x) => x * 2\n",
      'node_modules/slow/package.json': esmPackage('slow'),
      'node_modules/slow/index.js': 'await Promise.resolve()\nexport const late = 1\n',
    },
    packages: { 'node_modules/modern': [], 'node_modules/slow': [] },
    policy: { resources: {} },
  })
  assert.match(out, /modern default 42 __esModule,default,twice\nERR_REQUIRE_ASYNC_MODULE/)
})

test('require(esm) of a module exporting the name "module.exports" answers that export, as Node does (mocha 12)', () => {
  const out = assertSameAsNode({
    files: {
      'index.js': [
        "const Runner = require('runner')",
        "const viaPackage = require('wrapper')",
        "console.log(typeof Runner, new Runner('a').name, require('runner') === Runner, Runner.helper())",
        "console.log(typeof viaPackage.Runner, new viaPackage.Runner('b').name, viaPackage.same)",
        "console.log(require('nothing'))",
        "import('runner').then((ns) => console.log(Object.keys(ns).join(), ns['module.exports'] === Runner))",
      ].join('\n'),
      'node_modules/runner/package.json': esmPackage('runner'),
      'node_modules/runner/index.js': [
        'class Runner { constructor(name) { this.name = name } static helper() { return \'helper\' } }',
        'export { Runner as "module.exports" }',
        'export default Runner',
        'export const extra = 1',
      ].join('\n'),
      'node_modules/wrapper/index.js': "const Runner = require('runner')\nexports.Runner = Runner\nexports.same = require('runner') === Runner\n",
      'node_modules/nothing/package.json': esmPackage('nothing'),
      'node_modules/nothing/index.js': 'const none = undefined\nexport { none as "module.exports" }\nexport const other = 1\n',
    },
    packages: { 'node_modules/runner': [], 'node_modules/wrapper': [], 'node_modules/nothing': [] },
    policy: { resources: { wrapper: { packages: { runner: true } } } },
  })
  assert.equal(out, 'function a true helper\nfunction b true\nundefined\ndefault,extra,module.exports true\n')
})

test('a CommonJS namespace has the export "module.exports" from Node 23 on, so require() of an ES module re-exporting it with export * answers module.exports there (mocha 12.0.3)', () => {
  const out = assertSameAsNode({
    files: {
      'index.js': [
        "const Runner = require('runner')",
        "console.log(typeof Runner, typeof Runner === 'function' ? new Runner('a').name : Object.keys(Runner).join())",
        "import('runner/lib.cjs').then((ns) => console.log(Object.keys(ns).join(), ns.default === ns['module.exports']))",
      ].join('\n'),
      'node_modules/runner/package.json': esmPackage('runner'),
      'node_modules/runner/index.js': "export { default } from './lib.cjs'\nexport * from './lib.cjs'\n",
      'node_modules/runner/lib.cjs': "module.exports = class Runner { constructor(name) { this.name = name } }\nmodule.exports.Suite = 'suite'\n",
    },
    packages: { 'node_modules/runner': [] },
    policy: { resources: {} },
  })
  const moduleExportsName = Number(process.versions.node.split('.')[0]) >= 23
  if (NODE === process.execPath) {
    assert.equal(out, moduleExportsName ? 'function a\nSuite,default,module.exports true\n' : 'object Suite,__esModule,default\nSuite,default false\n')
  }
})

test('cycles see hoisted functions; two export * of one binding are not ambiguous', () => {
  assertSameAsNode({
    files: {
      'package.json': esmPackage('app'),
      'index.js': "import { a, fromB } from './a.js'\nimport { shared, onlyOne } from './both.js'\nconsole.log(a, fromB, shared, onlyOne)\n",
      'a.js': "import { b } from './b.js'\nexport function helper() { return 'hoisted' }\nexport const a = 'a'\nexport const fromB = b\n",
      'b.js': "import { helper } from './a.js'\nexport const b = helper()\n",
      'both.js': "export * from './left.js'\nexport * from './right.js'\nexport const onlyOne = 1\n",
      'left.js': "export * from './base.js'\n",
      'right.js': "export { shared } from './base.js'\n",
      'base.js': "export const shared = 'one binding'\n",
    },
    policy: { resources: {} },
  })
})

test('an imported function called as the body of an if, else or loop without braces runs only when that body does (rolldown: `if (guard) onExit(...)`)', () => {
  const out = assertSameAsNode({
    files: {
      'package.json': esmPackage('app'),
      'index.js': [
        "import { note, calls } from './note.js'",
        'const off = false',
        "if (off) note('if')",
        "if (!off) {} else note('else')",
        "while (off) note('while')",
        "for (let i = 0; i < 0; i++) note('for')",
        "label: if (off) note('label')",
        "if (!off) note('taken')",
        'console.log(calls.join())',
      ].join('\n'),
      'note.js': 'export const calls = []\nexport function note(what) { calls.push(what) }\n',
    },
    policy: { resources: {} },
  })
  assert.equal(out, 'taken\n')
})

test('two concurrent import() of one module: the second waits for its evaluation (eslint 10 imports @humanfs/node twice at once)', () => {
  assertSameAsNode({
    files: {
      'package.json': esmPackage('app', { dependencies: { fsx: '1.0.0' } }),
      'index.js': "const read = (m) => m.hfs.name\nconst [a, b] = await Promise.all([import('fsx').then(read), import('fsx').then(read)])\nconsole.log(a, b)\n",
      'node_modules/fsx/package.json': esmPackage('fsx', { main: 'index.js' }),
      'node_modules/fsx/index.js': "export * from './impl.js'\n",
      'node_modules/fsx/impl.js': "import { base } from './deep/base.js'\nexport const hfs = { name: base + 'fs' }\n",
      'node_modules/fsx/deep/base.js': "import { sep } from './sep.js'\nexport const base = 'h' + sep\n",
      'node_modules/fsx/deep/sep.js': "export const sep = ''\n",
    },
    policy: { resources: { fsx: {} } },
  })
})

test('top-level await: siblings run while a module awaits, a module waits only for its own dependencies, in Node\'s order (issue 19)', () => {
  const out = assertSameAsNode({
    files: {
      'package.json': esmPackage('app', { dependencies: { slowpkg: '1.0.0' } }),
      'index.js': [
        "import { slow } from './slow.js'",
        "import './fast.js'",
        "import './after-slow.js'",
        "import 'slowpkg'",
        "import './last.js'",
        "console.log('entry', slow)",
      ].join('\n'),
      'slow.js': "console.log('slow: start')\nawait new Promise((resolve) => setTimeout(resolve, 10))\nconsole.log('slow: end')\nexport const slow = 'done'\n",
      'fast.js': "console.log('fast')\n",
      'after-slow.js': "import { slow } from './slow.js'\nconsole.log('after-slow', slow)\n",
      'last.js': "console.log('last')\n",
      'node_modules/slowpkg/package.json': esmPackage('slowpkg'),
      'node_modules/slowpkg/index.js': "console.log('slowpkg: start')\nawait null\nconsole.log('slowpkg: end')\n",
    },
    policy: { resources: { slowpkg: { globals: { console: true } } } },
  })
  assert.equal(out, 'slow: start\nfast\nslowpkg: start\nlast\nslowpkg: end\nslow: end\nafter-slow done\nentry done\n')
})

test('top-level await, JSON with its attribute, dynamic import, #imports and export * as', () => {
  const out = assertSameAsNode({
    files: {
      'package.json': esmPackage('app', { imports: { '#config': './config.js', '#events': 'events' } }),
      'index.js': [
        "import data from './data.json' with { type: 'json' }",
        "import { config } from '#config'",
        "import { EventEmitter } from '#events'",
        "import { tools } from './tools.js'",
        'await new Promise((resolve) => setTimeout(resolve, 5))',
        "const name = './late.js'",
        'const late = await import(name)',
        "console.log(data.answer, config, typeof EventEmitter, tools.double(4), late.default)",
      ].join('\n'),
      'data.json': '{ "answer": 42 }',
      'config.js': "export const config = 'configured'\n",
      'tools.js': "export * as tools from './math.js'\n",
      'math.js': 'export const double = (x) => x * 2\n',
      'late.js': "export default 'loaded late'\n",
    },
    policy: { resources: {} },
  })
  assert.equal(out, '42 configured function 8 loaded late\n')
})

test('a failed import() or require() rejects with the code Node gives: ERR_MODULE_NOT_FOUND, ERR_PACKAGE_PATH_NOT_EXPORTED (issue 19)', () => {
  const out = assertSameAsNode({
    files: {
      'package.json': esmPackage('app', { dependencies: { lib: '1.0.0' } }),
      'index.js': [
        "import { createRequire } from 'node:module'",
        'const require = createRequire(import.meta.url)',
        "for (const id of ['no-such-package', 'lib/hidden.js', './no-such-file.js']) {",
        '  await import(id).then(() => console.log(id, \'loaded\'), (err) => console.log(id, err.code))',
        '  try { require(id) } catch (err) { console.log(id, err.code) }',
        '}',
      ].join('\n'),
      'node_modules/lib/package.json': esmPackage('lib', { exports: { '.': './index.js' } }),
      'node_modules/lib/index.js': 'export default 1\n',
      'node_modules/lib/hidden.js': 'export default 2\n',
    },
    policy: { resources: { lib: {} } },
  })
  assert.equal(out, [
    'no-such-package ERR_MODULE_NOT_FOUND', 'no-such-package MODULE_NOT_FOUND',
    'lib/hidden.js ERR_PACKAGE_PATH_NOT_EXPORTED', 'lib/hidden.js ERR_PACKAGE_PATH_NOT_EXPORTED',
    './no-such-file.js ERR_MODULE_NOT_FOUND', './no-such-file.js MODULE_NOT_FOUND', '',
  ].join('\n'))
})

test('imports are policy-checked: packages, builtins, named builtin members', () => {
  const project = (importLine, resource) =>
    writeProject({
      files: {
        'package.json': esmPackage('app', { dependencies: { evil: '1.0.0', victim: '1.0.0' } }),
        'index.js': "import 'evil'\n",
        'node_modules/evil/package.json': esmPackage('evil'),
        'node_modules/evil/index.js': `${importLine}\n`,
        'node_modules/victim/package.json': esmPackage('victim'),
        'node_modules/victim/index.js': 'export const secret = 1\n',
      },
      packages: { 'node_modules/evil': [], 'node_modules/victim': [] },
      policy: { resources: { evil: resource } },
    })
  const refused = (importLine, resource, pattern) => {
    const run = runProject(project(importLine, resource))
    assert.equal(run.status, 1, run.stdout)
    assert.match(run.stderr, pattern)
  }
  refused("import { secret } from 'victim'", {}, /package "evil" requested "victim" as "victim"/)
  refused("import { execSync } from 'node:child_process'", {}, /package "evil" requested "node:child_process"/)
  refused("import { writeFileSync } from 'node:fs'", { builtin: { 'node:fs.readFileSync': true } }, /"builtin": \{"node:fs\.writeFileSync": true\}/)
  refused("await import('victim')", {}, /package "evil" requested "victim"/)
  const granted = runProject(project("import { readFileSync } from 'node:fs'\nconsole.log(typeof readFileSync)", { builtin: { 'node:fs.readFileSync': true }, globals: { console: true } }))
  assert.equal(granted.status, 0, granted.stderr)
  assert.equal(granted.stdout, 'function\n')
})

test('import() in CommonJS code loads ES modules and CommonJS, policy-checked', () => {
  const out = assertSameAsNode({
    files: {
      'index.js': "require('loader').load().then((values) => console.log(values.join(' ')))\n",
      'node_modules/loader/index.js': [
        'exports.load = async () => {',
        "  const plugin = await import('plugin')",
        "  const self = await import('./helper.js')",
        "  return [plugin.default, plugin.name, self.default.helper]",
        '}',
      ].join('\n'),
      'node_modules/loader/helper.js': "exports.helper = 'cjs helper'\n",
      'node_modules/plugin/package.json': esmPackage('plugin'),
      'node_modules/plugin/index.js': "export default 'plugin default'\nexport const name = 'esm plugin'\n",
    },
    packages: { 'node_modules/loader': ['plugin'], 'node_modules/plugin': [] },
    policy: { resources: { loader: { packages: { plugin: true } } } },
  })
  assert.equal(out, 'plugin default esm plugin cjs helper\n')
})

test('one module reached by a relative specifier and by a file: URL is one instance', () => {
  const out = assertSameAsNode({
    files: {
      'package.json': esmPackage('app'),
      'index.js': "import { state } from './state.js'\nconst again = await import(new URL('./state.js', import.meta.url).href)\nstate.count++\nconsole.log(again.state === state, again.state.count)\n",
      'state.js': 'export const state = { count: 0 }\n',
    },
    policy: { resources: {} },
  })
  assert.equal(out, 'true 1\n')
})

test('names a TypeScript CommonJS build re-exports with __exportStar can be imported (rxjs)', () => {
  assertSameAsNode({
    files: {
      'package.json': esmPackage('app', { dependencies: { tsbuild: '1.0.0' } }),
      'index.js': "import { of, map, VERSION } from 'tsbuild'\nconsole.log(of(1), map(2), VERSION)\n",
      'node_modules/tsbuild/index.js': [
        '"use strict";',
        'var __exportStar = function (m, exports) { for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) exports[p] = m[p]; };',
        'Object.defineProperty(exports, "__esModule", { value: true });',
        'exports.VERSION = "7.0.0";',
        '__exportStar(require("./of"), exports);',
        'var map_1 = require("./map");',
        'Object.defineProperty(exports, "map", { enumerable: true, get: function () { return map_1.map; } });',
      ].join('\n'),
      'node_modules/tsbuild/of.js': 'exports.of = (x) => `of(${x})`\n',
      'node_modules/tsbuild/map.js': 'exports.map = (x) => `map(${x})`\n',
    },
    packages: { 'node_modules/tsbuild': [] },
    policy: { resources: {} },
  })
})

test('import() in code compiled by Function or eval resolves from the module that compiled it (prettier 3 bin)', () => {
  const out = assertSameAsNode({
    files: {
      'index.js': "require('tool/bin/cli.cjs').done.then((values) => console.log(values.join(' ')))\n",
      'node_modules/tool/package.json': JSON.stringify({ name: 'tool', version: '1.0.0' }),
      'node_modules/tool/bin/cli.cjs': [
        // prettier's bin/prettier.cjs
        'var dynamicImport = new Function("module", "return import(module)")',
        'var viaEval = (0, eval)("(specifier) => import(specifier)")',
        'exports.done = Promise.all([',
        '  dynamicImport("../internal/cli.mjs").then((cli) => cli.run()),',
        '  viaEval("../internal/cli.mjs").then((cli) => cli.name),',
        '  require("../lib/other.js").load(),',
        '  dynamicImport.length + dynamicImport.name,',
        '])',
      ].join('\n'),
      // from an ES module too
      'node_modules/tool/internal/cli.mjs': "export const name = 'esm'\nexport function run() { return Function(\"return import('./leaf.mjs')\")().then((m) => m.leaf) }\n",
      'node_modules/tool/internal/leaf.mjs': "export const leaf = 'ran'\n",
      // the same code compiled by another module resolves from that module's directory
      'node_modules/tool/lib/other.js': 'exports.load = () => Function("return import(\'./sibling.js\')")().then((m) => m.default)\n',
      'node_modules/tool/lib/sibling.js': "module.exports = 'sibling'\n",
    },
    packages: { 'node_modules/tool': [] },
    policy: { resources: {} },
  })
  assert.equal(out, 'ran esm sibling 1anonymous\n')
})

test('import() in code compiled by Function is policy-checked as the package that compiled it', () => {
  const root = writeProject({
    files: {
      'index.js': [
        "const tool = require('tool')",
        "tool.load().then(() => console.log('loaded'), (err) => console.log(err.message))",
        "tool.spoofed(require.resolve('./index.js')).then(() => console.log('loaded'), (err) => console.log(err.message))",
      ].join('\n'),
      'node_modules/tool/index.js': [
        'exports.load = () => new Function("m", "return import(m)")("secret")',
        // code named as the app's module (a sourceURL) still imports as the package
        'exports.spoofed = (file) => (0, eval)(`(() => Function("return import(\'secret\')")())()\\n//# sourceURL=${file}`)',
      ].join('\n'),
      'node_modules/secret/index.js': "module.exports = 'secret'\n",
    },
    packages: { 'node_modules/tool': [], 'node_modules/secret': [] },
    policy: { resources: {} },
  })
  const result = runProject(root)
  assert.equal(result.status, 0, result.stderr)
  assert.equal(result.stdout.match(/package "tool" requested "secret"/g)?.length, 2, result.stdout)
})

test('createRequire(import.meta.url) in a package is a require of its own, policy-checked (ESM bundles: prettier 3)', () => {
  const root = writeProject({
    files: {
      'package.json': esmPackage('app', { dependencies: { bundle: '1.0.0', dep: '1.0.0' } }),
      'index.js': "import run from 'bundle'\nconsole.log(run())\n",
      'node_modules/bundle/package.json': esmPackage('bundle', { dependencies: { dep: '1.0.0' } }),
      'node_modules/bundle/index.js': [
        "import { createRequire } from 'module'",
        "import { pathToFileURL } from 'url'",
        'const require = createRequire(import.meta.url)',
        'export default () => [',
        "  require('os').EOL === '\\n',",
        "  require('dep'),",
        "  require('./lib/helper.cjs'),",
        "  createRequire(new URL('./lib/', import.meta.url))('./helper.cjs'),",
        "  createRequire(pathToFileURL(require.resolve('./lib/helper.cjs')).href)('./helper.cjs'),",
        "  (() => { try { return require('fs') && 'fs loaded' } catch (err) { return err.message.includes('package \"bundle\" requested \"fs\"') } })(),",
        "  (() => { try { return createRequire('relative.js') } catch (err) { return err.code } })(),",
        "].join(' ')",
      ].join('\n'),
      'node_modules/bundle/lib/helper.cjs': "module.exports = 'helper'\n",
      'node_modules/dep/index.js': "module.exports = 'dep'\n",
    },
    packages: { 'node_modules/bundle': ['dep'], 'node_modules/dep': [] },
    policy: { resources: { bundle: { builtin: { 'module.createRequire': true, 'url.pathToFileURL': true, 'os.EOL': true }, globals: { URL: true }, packages: { dep: true } } } },
  })
  const plain = spawnSync(NODE, ['index.js'], { cwd: root, encoding: 'utf8' })
  assert.equal(plain.stdout, 'true dep helper helper helper fs loaded ERR_INVALID_ARG_VALUE\n', plain.stderr)
  const isolated = runProject(root)
  assert.equal(isolated.status, 0, isolated.stderr)
  assert.equal(isolated.stdout, 'true dep helper helper helper true ERR_INVALID_ARG_VALUE\n')
})

test('the app\'s createRequire loads packages through LavaMoat too (an ES module app: createRequire(import.meta.url)(dep))', () => {
  const root = writeProject({
    files: {
      'package.json': esmPackage('app', { dependencies: { dep: '1.0.0' } }),
      'index.js': [
        "import { createRequire } from 'module'",
        "import Module from 'node:module'",
        'const require = createRequire(import.meta.url)',
        "console.log(require('dep'), Module.Module.createRequire(import.meta.url)('dep'), typeof new Module('x'), typeof Module._load, require('./lib.cjs'))",
      ].join('\n'),
      'lib.cjs': "module.exports = typeof process.pid\n",
      'node_modules/dep/index.js': 'module.exports = typeof process\n',
    },
    packages: { 'node_modules/dep': [] },
    policy: { resources: {} },
  })
  const plain = spawnSync(NODE, ['index.js'], { cwd: root, encoding: 'utf8' })
  assert.equal(plain.stdout, 'object object object function number\n', plain.stderr)
  const isolated = runProject(root)
  assert.equal(isolated.status, 0, isolated.stderr)
  // dep is granted no process; the app's own file is the app's
  assert.equal(isolated.stdout, 'undefined undefined object function number\n')
})
