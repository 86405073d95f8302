'use strict'
// Runs one dev tool of the tools project (this directory, README.md) three ways and compares
// them: its bin's file under plain node (the expected exit code and output), then
// `lavamoat --bin <bin> --autopolicy -- <args>` (writes the tool's policy, running it once to
// learn what it loads), then
// `lavamoat --bin <bin> -- <args>` with that policy. A tool passes when the last run exits as
// plain node did, prints the same stdout and stderr once both are normalised (no ANSI
// colours, no durations or clock times, no absolute paths of this checkout or the temp dir)
// and writes the same files to build/.
//
// Every tool runs in place, in this directory, with its own policy files and temp dir (TMPDIR)
// in a directory of its own that is removed afterwards; before each of the three runs the
// tool's outputs (build/<tool>, its caches) and its temp dir are emptied, so each run starts
// the same. Each run is its own process group, killed when it times out and once it has
// exited (a test runner's workers must not outlive it).

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { runPool } = require('../support/pool')
const { runNode: runNodeIn, atExit } = require('../support/run-node')
const { causeOf } = require('../compat/runner')
const support = require('../support/npm-ci')

const toolsDir = __dirname
const repoDir = path.join(toolsDir, '..', '..')
const oursCli = path.join(repoDir, 'lib', 'cli.js')
// jest and vitest take a few seconds under plain node; lavamoat's autopolicy of a whole tool
// can take much longer. A hung run costs this.
const TIMEOUT_MS = 180_000

/**
 * The tools: the bin's name, its arguments, the Node majors it runs on (the lowest of its own
 * `engines` and its dependencies'), and what it writes besides stdout and stderr (removed
 * before each run, relative to this directory).
 */
const tools = [
  { name: 'tsc', bin: 'tsc', args: ['-p', 'tsconfig.json'], node: [20, 24], outputs: ['build/tsc'] },
  { name: 'eslint', bin: 'eslint', args: ['src', 'test', '*.config.js', '*.config.mjs'], node: [20, 24], outputs: [] },
  { name: 'prettier', bin: 'prettier', args: ['--check', 'src', 'test'], node: [20, 24], outputs: ['node_modules/.cache/prettier'] },
  { name: 'jest', bin: 'jest', args: ['--ci'], node: [20, 24], outputs: [] },
  { name: 'mocha', bin: 'mocha', args: [], node: [20, 24], outputs: [] },
  { name: 'rollup', bin: 'rollup', args: ['-c'], node: [20, 24], outputs: ['build/rollup'] },
  // webpack-cli 7 depends on rechoir 1, whose engines say Node >= 22.15; it is only used for
  // configs in other languages (webpack.config.ts), so a .js config runs on Node 20.
  { name: 'webpack', bin: 'webpack', args: ['--config', 'webpack.config.js'], node: [20, 24], outputs: ['build/webpack', 'node_modules/.cache/babel-loader'] },
  { name: 'babel', bin: 'babel', args: ['src', '--out-dir', 'build/babel'], node: [20, 24], outputs: ['build/babel'] },
  { name: 'sass', bin: 'sass', args: ['--no-source-map', 'src/styles.scss'], node: [20, 24], outputs: [] },
  { name: 'ts-node', bin: 'ts-node', args: ['src/shapes.ts'], node: [20, 24], outputs: [] },
  { name: 'tsx', bin: 'tsx', args: ['src/shapes.ts'], node: [20, 24], outputs: [] },
  // vitest 4 (5 needs Node >= 22.12).
  { name: 'vitest', bin: 'vitest', args: ['run', '--reporter=dot'], node: [20, 24], outputs: ['node_modules/.vite', 'node_modules/.vitest'] },
]

const toolNames = tools.map((tool) => tool.name)
const toolByName = (name) => tools.find((tool) => tool.name === name)

const isInstalled = () => support.isInstalled(toolsDir)

/** The file node_modules/.bin/<bin> links to: what plain `node <bin's file>` runs. */
function binFile(bin) {
  return fs.realpathSync(path.join(toolsDir, 'node_modules', '.bin', bin))
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Output as it compares: without ANSI escapes, the checkout's and the temp dir's absolute
 * paths as <dir>, <repo> and <tmp>, durations and clock times as <t>, and no trailing spaces.
 */
function normalise(text, { tmp }) {
  let out = text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r\n/g, '\n')
  for (const [dir, name] of [[tmp, '<tmp>'], [toolsDir, '<dir>'], [repoDir, '<repo>']]) {
    if (dir) out = out.replace(new RegExp(escapeRegExp(dir), 'g'), name)
  }
  return out
    .replace(/\b\d\d:\d\d:\d\d\b/g, '<t>')
    .replace(/\s*\(\d+(\.\d+)? ?(ms|s)\)/g, '') // jest's and babel's "(3 ms)", "(814ms)": not always printed
    .replace(/\b\d+(\.\d+)? ?(ms|s|sec|seconds)\b/g, '<t>')
    .replace(/^(\s*Duration\s).*$/gm, '$1<t>') // vitest's "Duration 447ms (transform 51ms, ...)"
    .replace(/[ \t]+$/gm, '')
}

// The tools' temp dirs and outputs: removed if this process exits or is ended by a signal
// while they run (support/run-node.js kills the runs first).
const tempDirs = new Map() // dir -> tool
atExit(() => {
  for (const [dir, tool] of tempDirs) {
    for (const output of tool.outputs) fs.rmSync(path.join(toolsDir, output), { recursive: true, force: true })
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

/** Runs node with args in the tools project; resolves with code, stdout, stderr and ms. */
const runNode = (node, args, env) => runNodeIn(node, args, { cwd: toolsDir, env, timeoutMs: TIMEOUT_MS })

/** Removes the tool's outputs and empties its temp dir: each run starts the same. */
function clean(tool, tmp) {
  for (const output of tool.outputs) fs.rmSync(path.join(toolsDir, output), { recursive: true, force: true })
  removeIfEmpty(path.join(toolsDir, 'build'))
  fs.rmSync(tmp, { recursive: true, force: true })
  fs.mkdirSync(tmp)
}

/** build/ goes once no tool's output is in it (another tool running beside may have one). */
function removeIfEmpty(dir) {
  try {
    fs.rmdirSync(dir)
  } catch {
    // ENOENT, ENOTEMPTY
  }
}

/** Where normalised outputs first differ, as `stdout line N: expected "...", got "..."`. */
function firstDifference(stream, expected, actual) {
  const a = expected.split('\n')
  const b = actual.split('\n')
  const index = a.findIndex((line, i) => line !== b[i])
  const at = index === -1 ? a.length : index
  return `${stream} line ${at + 1}: expected ${JSON.stringify(a[at] ?? '')}, got ${JSON.stringify(b[at] ?? '')}`.slice(0, 300)
}

/**
 * The files a tool wrote to build/ (its outputs there, not its caches), path -> content, with
 * the same normalisation as its output: a pass needs them to be what plain node wrote too.
 */
function builtFiles(tool, tmp) {
  const files = {}
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(file)
      else files[path.relative(toolsDir, file).split(path.sep).join('/')] = normalise(fs.readFileSync(file, 'utf8'), { tmp })
    }
  }
  for (const output of tool.outputs.filter((output) => output.startsWith('build/'))) walk(path.join(toolsDir, output))
  return files
}

function filesDifference(expected, actual) {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()
  const name = names.find((file) => expected[file] !== actual[file])
  if (name === undefined) return undefined
  if (!(name in actual)) return `${name} not written`
  if (!(name in expected)) return `${name} written, plain node does not write it`
  return firstDifference(name, expected[name], actual[name])
}

const majorOf = (version) => Number(/^v?(\d+)/.exec(version)[1])

/**
 * One tool: { name, status: 'pass'|'fail'|'skip', stage, plainCode, oursCode, cause, ms }.
 * `skip` is a Node version the tool does not run on, or a tool plain node itself fails with.
 * options: node (the binary), nodeVersion (its `--version`), cli (a lavamoat cli.js).
 */
async function runTool(name, { node = process.execPath, nodeVersion = process.version, cli = oursCli } = {}) {
  const tool = toolByName(name)
  if (!tool) throw new Error(`tools: no such tool: ${name}`)
  const result = { name, status: 'skip', stage: 'plain', plainCode: undefined, oursCode: undefined, cause: '', ms: {} }
  if (!tool.node.includes(majorOf(nodeVersion))) {
    return { ...result, cause: `runs on Node ${tool.node.join(', ')}, not ${nodeVersion}` }
  }
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `lavamoat-tools-${name}-`)))
  tempDirs.set(dir, tool)
  try {
    return await runToolIn(tool, { node, cli, dir }, result)
  } finally {
    clean(tool, path.join(dir, 'tmp'))
    fs.rmSync(dir, { recursive: true, force: true })
    tempDirs.delete(dir)
  }
}

async function runToolIn(tool, { node, cli, dir }, result) {
  const tmp = path.join(dir, 'tmp')
  // TMP and TEMP are where Windows looks; colours off for every tool that honours either.
  const env = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, NO_COLOR: '1', FORCE_COLOR: '0' }
  delete env.NODE_OPTIONS
  const policy = path.join(dir, `${tool.name}-policy.json`)
  // An override path of the tool's own (none exists): the default, lavamoat/node/ in the
  // project, would be shared by every tool.
  const override = path.join(dir, `${tool.name}-override.json`)
  const lavamoat = [cli, '--bin', tool.bin, '--policy', policy, '--policyOverride', override, '--projectRoot', toolsDir]

  clean(tool, tmp)
  const plain = await runNode(node, [binFile(tool.bin), ...tool.args], env)
  result.ms.plain = plain.ms
  result.plainCode = plain.code
  if (plain.code !== 0) {
    return { ...result, status: 'skip', stage: 'plain', cause: `plain node exits ${plain.code}: ${causeOf(plain.stderr)}` }
  }
  const expected = { stdout: normalise(plain.stdout, { tmp }), stderr: normalise(plain.stderr, { tmp }), files: builtFiles(tool, tmp) }

  // The arguments go to the autopolicy run too: lavamoat runs the tool once with them to learn
  // what it loads. That run exits as the tool does; what counts is the policy it leaves and the
  // run under it, next.
  clean(tool, tmp)
  const autopolicy = await runNode(node, [...lavamoat, '--autopolicy', '--', ...tool.args], env)
  result.ms.autopolicy = autopolicy.ms
  if (!fs.existsSync(policy)) {
    return { ...result, status: 'fail', stage: 'autopolicy', oursCode: autopolicy.code, cause: `exit ${autopolicy.code}, no policy written: ${causeOf(autopolicy.stderr)}`, stderr: autopolicy.stderr }
  }

  clean(tool, tmp)
  const run = await runNode(node, [...lavamoat, '--', ...tool.args], env)
  result.ms.run = run.ms
  result.oursCode = run.code
  const actual = { stdout: normalise(run.stdout, { tmp }), stderr: normalise(run.stderr, { tmp }), files: builtFiles(tool, tmp) }
  const files = filesDifference(expected.files, actual.files)
  if (run.code === plain.code && actual.stdout === expected.stdout && actual.stderr === expected.stderr && files === undefined) {
    return { ...result, status: 'pass', stage: 'run' }
  }
  const cause =
    run.code !== plain.code
      ? `exit ${run.code}: ${causeOf(run.stderr)}`
      : actual.stdout !== expected.stdout
        ? firstDifference('stdout', expected.stdout, actual.stdout)
        : actual.stderr !== expected.stderr
          ? firstDifference('stderr', expected.stderr, actual.stderr)
          : files
  return { ...result, status: 'fail', stage: 'run', cause, stderr: run.stderr }
}

/** Runs the tools `concurrency` at a time; calls onResult as each finishes; results in order. */
async function runTools(names, options, { concurrency = 1, onResult } = {}) {
  return runPool(names, (name) => runTool(name, options), { concurrency, onResult })
}

module.exports = { toolsDir, oursCli, tools, toolNames, isInstalled, normalise, runTool, runTools }
