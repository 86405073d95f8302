'use strict'
// The policy files on disk, end to end through the real CLI: policy.json is rewritten only when
// its content changes, atomically (a concurrent reader or a second run never sees half a file),
// the override is never written, and a policy path that cannot be read or written is a clear
// error with no temporary file left behind.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawn } = require('node:child_process')
const { makeProject, runCli, cliPath } = require('./support/project')

const POLICY = 'lavamoat/node/policy.json'
const OVERRIDE = 'lavamoat/node/policy-override.json'

/** An app whose entry requires `count` packages, each using a global and a builtin. */
function appWith(count, extraFiles = {}) {
  const names = Array.from({ length: count }, (_, i) => `pkg${i}`)
  const files = {
    'package.json': { name: 'app', version: '1.0.0', dependencies: Object.fromEntries(names.map((n) => [n, '1.0.0'])) },
    'index.js': names.map((n) => `require('${n}')\n`).join(''),
  }
  for (const name of names) {
    files[`node_modules/${name}/package.json`] = { name, version: '1.0.0' }
    files[`node_modules/${name}/index.js`] = "module.exports = require('path').join(String(process.pid), 'x')\n"
  }
  return makeProject({ ...files, ...extraFiles })
}

const stat = (file) => fs.statSync(file, { bigint: true })

/** Every file under `dir` whose name looks like a temporary file. */
function tempFilesUnder(dir) {
  return fs.readdirSync(dir, { recursive: true }).filter((rel) => /\.tmp$|~$|\.swp$/.test(path.basename(String(rel))))
}

function autopolicy(root, args = []) {
  const run = runCli(['index.js', '--autopolicy', ...args], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  return run
}

test('an unchanged policy is not rewritten: same inode and same mtime', () => {
  const root = appWith(2)
  autopolicy(root)
  const first = stat(path.join(root, POLICY))
  const content = fs.readFileSync(path.join(root, POLICY), 'utf8')
  assert.deepEqual(Object.keys(JSON.parse(content).resources).sort(), ['pkg0', 'pkg1'])
  autopolicy(root)
  const second = stat(path.join(root, POLICY))
  assert.equal(second.ino, first.ino)
  assert.equal(second.mtimeNs, first.mtimeNs)
  assert.equal(fs.readFileSync(path.join(root, POLICY), 'utf8'), content)

  // A real change is written (proof that the check above can fail).
  fs.writeFileSync(path.join(root, 'node_modules/pkg1/index.js'), "module.exports = require('os').EOL\n")
  autopolicy(root)
  const third = stat(path.join(root, POLICY))
  assert.notEqual(third.ino, first.ino, 'replaced by a rename, not rewritten in place')
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, POLICY), 'utf8')).resources.pkg1.builtin, { 'os.EOL': true })
})

/** Spawns `lavamoat index.js --autopolicy` and resolves with { status, stderr }. */
function spawnAutopolicy(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, 'index.js', '--autopolicy'], { cwd: root, env: { ...process.env, NO_COLOR: '1' } })
    let stderr = ''
    child.stderr.on('data', (chunk) => { stderr += chunk })
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stderr }))
  })
}

test('two concurrent --autopolicy runs: both succeed, readers only ever see a whole policy', async () => {
  const reference = appWith(100)
  autopolicy(reference)
  const expected = fs.readFileSync(path.join(reference, POLICY), 'utf8')

  const root = appWith(100)
  const file = path.join(root, POLICY)
  const seen = { missing: 0, complete: 0, torn: [] }
  let running = true
  const reader = (async () => {
    while (running) {
      try {
        const text = fs.readFileSync(file, 'utf8')
        try {
          JSON.parse(text)
          seen.complete++
        } catch {
          seen.torn.push(text.length)
        }
      } catch (err) {
        if (err.code !== 'ENOENT') throw err
        seen.missing++
      }
      await new Promise((resolve) => setImmediate(resolve))
    }
  })()
  const runs = await Promise.all([spawnAutopolicy(root), spawnAutopolicy(root)])
  running = false
  await reader

  for (const run of runs) assert.equal(run.status, 0, run.stderr)
  assert.deepEqual(seen.torn, [], 'a reader saw a partly written policy')
  assert.ok(seen.missing + seen.complete > 10, `the reader ran during the writes (${JSON.stringify(seen)})`)
  assert.equal(fs.readFileSync(file, 'utf8'), expected)
  assert.deepEqual(tempFilesUnder(root), [])
})

test('the override file is never written, even when it merges into the policy', () => {
  const override = '{\n  "resources": {\n    "pkg0": { "globals": { "console.log": true } },\n    "pkg1": { "builtin": { "os.EOL": true } }\n  }\n}\n'
  const root = appWith(2, { [OVERRIDE]: override })
  const overrideFile = path.join(root, OVERRIDE)
  const before = stat(overrideFile)
  autopolicy(root)
  autopolicy(root)
  const policy = JSON.parse(fs.readFileSync(path.join(root, POLICY), 'utf8'))
  assert.equal(policy.resources.pkg0.globals['console.log'], true, 'the override is merged into the written policy')
  assert.equal(policy.resources.pkg1.builtin['os.EOL'], true)
  assert.equal(fs.readFileSync(overrideFile, 'utf8'), override)
  const after = stat(overrideFile)
  assert.equal(after.ino, before.ino)
  assert.equal(after.mtimeNs, before.mtimeNs)

  // Pointing --policy at the override itself is refused, not obeyed.
  const run = runCli(['index.js', '--autopolicy', '--policy', OVERRIDE], { cwd: root })
  assert.equal(run.status, 1)
  assert.match(run.stderr, /policy-override\.json: could not write policy: refusing to overwrite the policy override file/)
  assert.equal(fs.readFileSync(overrideFile, 'utf8'), override)
  assert.equal(stat(overrideFile).mtimeNs, before.mtimeNs)
  assert.deepEqual(tempFilesUnder(root), [])
})

/** A configuration error: exit 1, one plain message, no stack trace. */
function assertConfigError(run, pattern) {
  assert.equal(run.status, 1, run.stderr)
  assert.match(run.stderr, pattern)
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace')
}

test('a directory where policy.json should be is an error naming the path', () => {
  const root = appWith(1)
  fs.mkdirSync(path.join(root, POLICY), { recursive: true })
  const run = runCli(['index.js'], { cwd: root })
  assertConfigError(run, /^lavamoat: .*lavamoat\/node\/policy\.json: could not read policy: Is a directory/m)
  assert.equal(run.stdout, '')

  const written = runCli(['index.js', '--autopolicy'], { cwd: root })
  assertConfigError(written, /lavamoat: .*lavamoat\/node\/policy\.json: could not write policy: Is a directory/)
  assert.deepEqual(fs.readdirSync(path.join(root, POLICY)), [])
  assert.deepEqual(tempFilesUnder(root), [])
})

test('a policy that is not valid JSON is an error naming the file, line and column', () => {
  const root = appWith(1, { [POLICY]: '{\n  "resources": {\n    "pkg0": {,}\n  }\n}\n' })
  const run = runCli(['index.js'], { cwd: root })
  assertConfigError(run, /^lavamoat: .*lavamoat\/node\/policy\.json:3:14: could not parse policy/m)
})

test('--autopolicy when lavamoat/node is a file: an error naming the path, no temporary file', () => {
  const root = appWith(1, { 'lavamoat/node': 'not a directory\n' })
  // The default override lives under that file too; reading it is the first thing to fail.
  assertConfigError(runCli(['index.js', '--autopolicy'], { cwd: root }), /lavamoat\/node\/policy-override\.json: could not read policy: Not a directory/)
  // With the override elsewhere, writing the policy is what fails.
  const run = runCli(['index.js', '--autopolicy', '--policyOverride', 'override.json'], { cwd: root })
  assertConfigError(run, /lavamoat: .*lavamoat\/node\/policy\.json: could not write policy: could not create directory .*lavamoat\/node/)
  assert.equal(fs.readFileSync(path.join(root, 'lavamoat/node'), 'utf8'), 'not a directory\n')
  assert.deepEqual(tempFilesUnder(root), [])
  assert.deepEqual(fs.readdirSync(path.join(root, 'lavamoat')), ['node'])
})

test('--autopolicy into a read-only policy directory: an error naming the path, old policy kept', (t) => {
  if (process.getuid && process.getuid() === 0) {
    t.skip('root ignores directory modes, so the write would succeed')
    return
  }
  const old = '{\n  "resources": {}\n}'
  const root = appWith(1, { [POLICY]: old })
  const dir = path.join(root, 'lavamoat/node')
  fs.chmodSync(dir, 0o555)
  t.after(() => fs.chmodSync(dir, 0o755))
  const run = runCli(['index.js', '--autopolicy'], { cwd: root })
  assertConfigError(run, /lavamoat: .*lavamoat\/node\/policy\.json: could not write policy: Permission denied/)
  assert.equal(fs.readFileSync(path.join(root, POLICY), 'utf8'), old)
  assert.deepEqual(fs.readdirSync(dir), ['policy.json'])
})
