'use strict'
// Loader hooks (module-loader.js runMainOf): a hook that compiles a file decides what that code
// does, so only the --bin tool's hooks compile, only the project's files of the graph the tool
// started with Module.runMain(), and `module._compile` runs code once, while its hook runs, in
// the file's own compartment. Each attack works under plain node and must fail under lavamoat.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const { writeProject, runProject, NODE } = require('./helpers/runtime-project')
const { proveBlocked, attack } = require('./helpers/security-attack')

// What compiled code does to prove it has authority it should not: take child_process.
const PAYLOAD = "globalThis.__escaped = typeof require('child_process').execSync === 'function'"

proveBlocked('a dependency compiling another package\'s file with its hooks through Module.runMain()', attack(`() => {
  const Module = require('module')
  const js = require.extensions['.js']
  require.extensions['.js'] = (m, filename) => m._compile(${JSON.stringify(PAYLOAD)}, filename)
  try {
    Module.runMain(require('path').join(__dirname, '..', 'victim', 'index.js'))
  } finally {
    require.extensions['.js'] = js
  }
  return globalThis.__escaped
}`), { resource: { builtin: { module: true, path: true } } })

/**
 * The --bin tool `tool` runs `attackBody` (returns truthy when it escaped) and prints
 * `{ escaped }`; the project's main (src/main.js) requires the package victim. The tool's
 * policy grants it `module`, `path` and `process`: what a loader tool is granted. `refusal`:
 * what the error that stops the attack under lavamoat says, when one does.
 */
function proveBinBlocked(name, attackBody, refusal) {
  test(`blocked: ${name}`, () => {
    const bin = `const Module = require('module')\nconst path = require('path')\nlet escaped = false\n` +
      `try { escaped = Boolean((() => {\n${attackBody}\n})()) } catch (err) { console.error(err.message) }\nconsole.log(JSON.stringify({ escaped }))\n`
    const root = writeProject({
      files: {
        'node_modules/tool/package.json': JSON.stringify({ name: 'tool', version: '1.0.0', bin: { tool: 'bin.js' } }),
        'node_modules/tool/bin.js': bin,
        'node_modules/victim/index.js': "module.exports = 'victim'\n",
        'src/main.js': "module.exports = require('victim')\n",
        'src/other.js': 'module.exports = 1\n',
        'secret.txt': 'the secret',
        'lavamoat/node/bin/tool/policy.json': JSON.stringify({ resources: { tool: { builtin: { module: true, path: true }, globals: { process: true, console: true } } } }),
      },
      packages: { 'node_modules/tool': [], 'node_modules/victim': [] },
    })
    const last = (stdout) => JSON.parse(stdout.trim().split('\n').pop())
    const plain = spawnSync(NODE, ['node_modules/tool/bin.js', 'src/main.js'], { cwd: root, encoding: 'utf8' })
    assert.equal(last(plain.stdout).escaped, true, `the attack works without lavamoat: ${plain.stderr}`)
    const run = runProject(root, { entry: '--bin', args: ['tool', '--', 'src/main.js'] })
    assert.equal(run.status, 0, run.stderr)
    assert.equal(last(run.stdout).escaped, false, run.stdout)
    if (refusal) assert.match(run.stderr, refusal)
  })
}

proveBinBlocked('the tool running a dependency\'s file as main, compiled by its hook', `
  require.extensions['.js'] = (m, filename) => m._compile(${JSON.stringify(PAYLOAD)}, filename)
  Module.runMain(path.resolve('node_modules/victim/index.js'))
  return globalThis.__escaped`, /runs only a file of the project itself/)

proveBinBlocked('the tool running a file of the project that its command line does not name', `
  require.extensions['.js'] = (m, filename) => m._compile(${JSON.stringify(PAYLOAD)}, filename)
  Module.runMain(path.resolve('src/other.js'))
  return globalThis.__escaped`, /runs only a file its command line names/)

proveBinBlocked('the tool\'s hook compiling a dependency that the project\'s main requires', `
  const js = require.extensions['.js']
  require.extensions['.js'] = (m, filename) => filename.includes('victim') ? m._compile(${JSON.stringify(PAYLOAD)}, filename) : js(m, filename)
  Module.runMain(path.resolve(process.argv[2]))
  return globalThis.__escaped`)

proveBinBlocked('a module._compile kept after its hook returned, called again with other code', `
  const js = require.extensions['.js']
  let kept
  require.extensions['.js'] = (m, filename) => { kept = { m, compile: m._compile, filename }; return js(m, filename) }
  Module.runMain(path.resolve(process.argv[2]))
  kept.compile.call(kept.m, ${JSON.stringify(PAYLOAD)}, kept.filename)
  return globalThis.__escaped || kept.m.exports === undefined`, /compiles .*main\.js once, while the require\.extensions hook loading it runs/)

proveBinBlocked('the default .js handler reading a file into a module of the tool\'s making', `
  let text
  require.extensions['.js']({ _compile(code) { text = code }, filename: path.resolve('secret.txt'), paths: [] }, path.resolve('secret.txt'))
  return text === 'the secret'`, /loads .*secret\.txt only for a module that LavaMoat's loader is compiling/)

proveBinBlocked('Module.runMain() a second time, with other hooks', `
  const js = require.extensions['.js']
  Module.runMain(path.resolve(process.argv[2]))
  require.extensions['.js'] = (m, filename) => m._compile(${JSON.stringify(PAYLOAD)}, filename)
  try {
    Module.runMain(path.resolve('src/other.js'))
  } finally {
    require.extensions['.js'] = js
  }
  return globalThis.__escaped`, /only the package of the entry \(the --bin tool\) may run the project's main, once/)
