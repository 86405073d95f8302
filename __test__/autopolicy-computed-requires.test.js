'use strict'
// `lavamoat --autopolicy` then a run, through the real CLI, on projects whose packages load
// code by computed specifiers (deliberate differences from the reference, which only warns):
// shelljs's `require('./src/' + command)`, esbuild's `require.resolve(`${pkg}/${subpath}`)`
// of its platform package and rollup's `require(id)` of its platform addon, and webpack's minimizer
// plugin handing `require.resolve('./minify')` to jest-worker; and requires through bundlers'
// wrappers of `require` (esbuild's `__require` shim, rolldown's `__require()`) with specifiers
// written in literal pieces (rollup's `require('u' + 'rl')`). The policy must be exactly what
// those files use, and the app must run under it as under plain node.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { makeProject, runCli, repoRoot } = require('./support/project')

const pkg = (name, fields = {}) => ({ name, version: '1.0.0', ...fields })

/** Plain node's output, then the policy --autopolicy writes, then the output under it. */
function generateAndRun(project, prefix) {
  const root = makeProject(project, prefix)
  const plain = spawnSync(process.execPath, ['app.js'], { cwd: root, encoding: 'utf8' })
  assert.equal(plain.status, 0, plain.stderr)
  // --debugMode: the notes checked here, each in full (one summary line otherwise).
  const generated = runCli(['app.js', '--autopolicy', '--debugMode'], { cwd: root })
  assert.equal(generated.status, 0, generated.stderr)
  const policy = JSON.parse(fs.readFileSync(path.join(root, 'lavamoat', 'node', 'policy.json'), 'utf8'))
  const run = runCli(['app.js'], { cwd: root })
  return { plain, generated, policy, run }
}

test('the files of the directory a computed require loads from are in the policy', () => {
  const { plain, generated, policy, run } = generateAndRun(
    {
      'package.json': pkg('app', { dependencies: { shell: '1.0.0' } }),
      'app.js': "const shell = require('shell'); console.log(shell.cat(__filename).length > 0, shell.pwd())\n",
      'node_modules/shell/package.json': pkg('shell'),
      'node_modules/shell/index.js': "['cat', 'pwd'].forEach((command) => { exports[command] = require('./src/' + command) })\n",
      'node_modules/shell/src/cat.js': "const fs = require('fs')\nmodule.exports = (file) => fs.readFileSync(file, 'utf8')\n",
      'node_modules/shell/src/pwd.js': "const path = require('path')\nmodule.exports = () => path.basename(process.cwd())\n",
    },
    'lavamoat-computed-dir-',
  )
  assert.deepEqual(policy, {
    resources: {
      shell: {
        builtin: { 'fs.readFileSync': true, 'path.basename': true },
        globals: { 'process.cwd': true },
      },
    },
  })
  assert.match(generated.stderr, /lavamoat: note: the computed require at .*index\.js:1:.* loads a file of "\.\/src\/": its 2 file\(s\) there are in the policy of "shell"/)
  assert.doesNotMatch(generated.stderr, /potentially incompatible code/)
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, plain.stdout)
})

test('a package computing its platform package\'s name is granted its installed optional dependencies', () => {
  const platform = `@tool/${process.platform}-${process.arch}`
  const other = process.platform === 'win32' ? '@tool/linux-x64' : '@tool/win32-x64'
  const { plain, generated, policy, run } = generateAndRun(
    {
      'package.json': pkg('app', { dependencies: { tool: '1.0.0' } }),
      'app.js': "console.log(require('tool'))\n",
      'node_modules/tool/package.json': pkg('tool', { optionalDependencies: { [platform]: '1.0.0', [other]: '1.0.0' } }),
      'node_modules/tool/index.js': [
        "const fs = require('fs')",
        'const pkg = `@tool/${process.platform}-${process.arch}`',
        'const binary = require.resolve(`${pkg}/bin/tool`)',
        "module.exports = [fs.readFileSync(binary, 'utf8').trim(), require(pkg)]",
        '',
      ].join('\n'),
      [`node_modules/${platform}/package.json`]: pkg(platform),
      [`node_modules/${platform}/bin/tool`]: 'binary\n',
      [`node_modules/${platform}/index.js`]: "module.exports = require('os').arch()\n",
    },
    'lavamoat-optional-deps-',
  )
  assert.deepEqual(policy, {
    resources: {
      tool: {
        builtin: { 'fs.readFileSync': true },
        globals: { 'process.arch': true, 'process.platform': true },
        packages: { [`tool>${platform}`]: true },
      },
      [`tool>${platform}`]: {
        builtin: { 'os.arch': true },
      },
    },
  })
  assert.match(generated.stderr, new RegExp(`"tool" is granted its installed optional dependencies ${platform}\n`))
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, plain.stdout)
  assert.equal(run.stdout, `[ 'binary', '${process.arch}' ]\n`)
})

test('a platform package whose main is a native addon, required by a computed name, is granted native', () => {
  // Rollup 4's shape: a helper requires `@rollup/rollup-${platform}-${arch}` and the platform
  // package is only its addon (this repository's own core stands in for it).
  const addon = fs.readdirSync(path.join(repoRoot, 'lib')).find((name) => name.endsWith('.node'))
  assert.ok(addon, 'the addon is built')
  const platform = `@bundler/bundler-${process.platform}-${process.arch}`
  const others = ['@bundler/bundler-sunos-x64', '@bundler/bundler-aix-ppc64']
  const { plain, generated, policy, run } = generateAndRun(
    {
      'package.json': pkg('app', { dependencies: { bundler: '1.0.0' } }),
      'app.js': "console.log(typeof require('bundler').PackageIndex)\n",
      'node_modules/bundler/package.json': pkg('bundler', {
        main: 'native.js',
        optionalDependencies: Object.fromEntries([platform, ...others].map((name) => [name, '1.0.0'])),
      }),
      'node_modules/bundler/native.js': [
        'const load = (id) => {',
        '  try { return require(id) } catch (error) { throw new Error(`no native build ${id}`, { cause: error }) }',
        '}',
        'module.exports = load(`@bundler/bundler-${process.platform}-${process.arch}`)',
        '',
      ].join('\n'),
      [`node_modules/${platform}/package.json`]: pkg(platform, { main: './bundler.node' }),
      [`node_modules/${platform}/bundler.node`]: fs.readFileSync(path.join(repoRoot, 'lib', addon)),
    },
    'lavamoat-platform-addon-',
  )
  assert.deepEqual(policy, {
    resources: {
      bundler: {
        globals: { 'process.arch': true, 'process.platform': true },
        packages: { [`bundler>${platform}`]: true },
      },
      [`bundler>${platform}`]: { native: true },
    },
  })
  assert.match(generated.stderr, new RegExp(`"bundler" is granted its installed optional dependencies ${platform}\n`))
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, plain.stdout)
  assert.equal(run.stdout, 'function\n')
})

test('a dependency that requires the path of a file its package hands it is granted that package', () => {
  const { plain, generated, policy, run } = generateAndRun(
    {
      'package.json': pkg('app', { dependencies: { plugin: '1.0.0' } }),
      'app.js': "console.log(require('plugin')(21))\n",
      'node_modules/plugin/package.json': pkg('plugin', { dependencies: { pool: '1.0.0' } }),
      'node_modules/plugin/index.js': [
        "const pool = require('pool')",
        "module.exports = (n) => pool.run(require.resolve('./task'), n)",
        '',
      ].join('\n'),
      'node_modules/plugin/task.js': "module.exports = (n) => [n * 2, require('path').extname(__filename)]\n",
      'node_modules/pool/package.json': pkg('pool'),
      'node_modules/pool/index.js': 'exports.run = (workerPath, input) => require(workerPath)(input)\n',
    },
    'lavamoat-handoff-',
  )
  assert.deepEqual(policy, {
    resources: {
      plugin: {
        builtin: { 'path.extname': true },
        globals: { __filename: true },
        packages: { 'plugin>pool': true },
      },
      'plugin>pool': {
        packages: { plugin: true },
      },
    },
  })
  assert.match(generated.stderr, /lavamoat: note: ".*index\.js" resolves its own file\(s\) "\.\/task" and requires "plugin>pool", which requires computed paths: "plugin>pool" is granted "plugin"/)
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, plain.stdout)
  assert.equal(run.stdout, "[ 42, '.js' ]\n")
})

// esbuild's shim as prettier 3's bundle has it, and rolldown's lazy `__require` as vitest's.
const esbuildShim = [
  'var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {',
  '  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]',
  '}) : x)(function(x) {',
  '  if (typeof require !== "undefined") return require.apply(this, arguments);',
  "  throw Error('Dynamic require of \"' + x + '\" is not supported');",
  '});',
].join('\n')
const rolldownRequire = [
  "import { createRequire as __createRequire } from 'node:module';",
  'function __require() {',
  '  const require = __createRequire(import.meta.url);',
  '  __require = () => require;',
  '  return require;',
  '}',
].join('\n')

test("requires through bundlers' require wrappers, with specifiers in literal pieces, are in the policy", () => {
  const { plain, generated, policy, run } = generateAndRun(
    {
      'package.json': pkg('app', { type: 'module', dependencies: { esb: '1.0.0', rd: '1.0.0', cj: '1.0.0' } }),
      'app.js': "import esb from 'esb'\nimport rd from 'rd'\nimport cj from 'cj'\nconsole.log(esb(), rd(), cj('/x'))\n",
      'node_modules/esb/package.json': pkg('esb', { type: 'module', dependencies: { dep: '1.0.0' } }),
      'node_modules/esb/index.js': [
        "import { createRequire } from 'module'",
        'const require = createRequire(import.meta.url)',
        esbuildShim,
        "export default () => [typeof __require('os').cpus, __require('dep')]",
        '',
      ].join('\n'),
      'node_modules/dep/package.json': pkg('dep'),
      'node_modules/dep/index.js': "module.exports = 'dep'\n",
      'node_modules/rd/package.json': pkg('rd', { type: 'module' }),
      'node_modules/rd/index.js': [
        rolldownRequire,
        'const { sep } = (/* @__PURE__ */ __require())(`node:` + "path")',
        'export default () => [typeof sep, typeof (/* @__PURE__ */ __require())("fs").existsSync]',
        '',
      ].join('\n'),
      'node_modules/cj/package.json': pkg('cj'),
      'node_modules/cj/index.js': `${esbuildShim}\nmodule.exports = (file) => __require('u' + 'rl').pathToFileURL(file).protocol\n`,
    },
    'lavamoat-require-wrappers-',
  )
  assert.deepEqual(policy, {
    resources: {
      cj: { builtin: { 'url.pathToFileURL': true } },
      esb: { builtin: { 'module.createRequire': true, 'os.cpus': true }, packages: { 'esb>dep': true } },
      rd: { builtin: { 'fs.existsSync': true, 'node:module.createRequire': true, 'node:path.sep': true } },
    },
  })
  assert.doesNotMatch(generated.stderr, /potentially incompatible code|dynamic require/)
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, plain.stdout)
  assert.equal(run.stdout, `[ 'function', 'dep' ] [ 'string', 'function' ] file:\n`)
})
