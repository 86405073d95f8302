'use strict'
// Reviewing policy changes: `lavamoat --diffPolicies`, the API, and the summary --autopolicy prints.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { makeProject, runCli } = require('./support/project')
const { comparePolicies, comparePolicyFiles } = require('..')
const { formatPolicyDiff, reportPolicyChanges, usesColor } = require('../lib/policy/policy-diff')
const native = require('../lib/native')

const oldPolicy = {
  resources: {
    kept: { globals: { console: true } },
    gone: { builtin: { 'child_process.spawn': true } },
    grows: { globals: { location: true, console: true }, builtin: { os: true } },
  },
}
const newPolicy = {
  resources: {
    kept: { globals: { console: true } },
    grows: { globals: { location: 'write' }, builtin: { os: true, 'fs.readFileSync': true }, packages: { kept: true } },
    fresh: { native: true, globals: { setTimeout: true } },
  },
}

/** A project holding old.json and new.json (or only those given). */
function policies(files = { 'old.json': oldPolicy, 'new.json': newPolicy }) {
  return makeProject(files, 'lavamoat-diff-')
}

/** An in-memory stream: `isTTY` as asked, `text` collects what was written. */
function memoryStream(isTTY) {
  return {
    isTTY,
    text: '',
    write(chunk) {
      this.text += chunk
      return true
    },
  }
}

test('--diffPolicies prints one line per package that differs, in policy file order', () => {
  const root = policies()
  const { status, stdout, stderr } = runCli(['--diffPolicies', 'old.json', 'new.json'], { cwd: root })
  assert.equal(status, 0, stderr)
  assert.equal(
    stdout,
    [
      '+ fresh: globals setTimeout, !native',
      '- gone',
      '~ grows: !+builtin fs.readFileSync, !+globals location=write, +packages kept, -globals console, -globals location',
      '(! marks a powerful permission)',
      '',
    ].join('\n')
  )
  assert.doesNotMatch(stdout, /\x1b\[/, 'no colours when stdout is not a terminal')
})

test('--diffPolicies prints nothing when the policies grant the same', () => {
  const root = policies({ 'a.json': oldPolicy, 'b.json': { ...oldPolicy, root: { usePolicy: 'x' } } })
  const { status, stdout } = runCli(['--diffPolicies', 'a.json', 'b.json'], { cwd: root })
  assert.equal(status, 0)
  assert.equal(stdout, '')
})

test('--diffPolicies --json prints the diff as data', () => {
  const root = policies()
  const { status, stdout } = runCli(['--diffPolicies', 'old.json', 'new.json', '--json'], { cwd: root })
  assert.equal(status, 0)
  const diff = JSON.parse(stdout)
  assert.deepEqual(Object.keys(diff), ['packages', 'resolutions', 'addsPowerful'])
  assert.equal(diff.addsPowerful, true)
  assert.deepEqual(diff.resolutions, { added: [], removed: [] })
  assert.deepEqual(
    diff.packages.map((p) => [p.name, p.status]),
    [
      ['fresh', 'added'],
      ['gone', 'removed'],
      ['grows', 'changed'],
    ]
  )
  assert.deepEqual(diff.packages[1].removed, [
    { kind: 'builtin', name: 'child_process.spawn', value: true, powerful: true },
  ])
  assert.deepEqual(diff.packages[2].added, [
    { kind: 'builtin', name: 'fs.readFileSync', value: true, powerful: true },
    { kind: 'globals', name: 'location', value: 'write', powerful: true },
    { kind: 'packages', name: 'kept', value: true, powerful: false },
  ])
  assert.deepEqual(diff.packages[2].removed, [
    { kind: 'globals', name: 'console', value: true, powerful: false },
    { kind: 'globals', name: 'location', value: true, powerful: false },
  ])
})

test('--failOnPowerful exits 2 only when a powerful permission is added', () => {
  const root = policies({
    'old.json': oldPolicy,
    'new.json': newPolicy,
    'harmless.json': { resources: { kept: { globals: { console: true, URL: true } } } },
  })
  const gate = (from, to) => runCli(['--diffPolicies', from, to, '--failOnPowerful', '--json'], { cwd: root })

  const failing = gate('old.json', 'new.json')
  assert.equal(failing.status, 2)
  assert.equal(JSON.parse(failing.stdout).addsPowerful, true, 'the diff is still printed')
  assert.match(failing.stderr, /adds powerful permissions/)

  // Only a harmless global added, and child_process removed: the gate passes.
  const passing = gate('old.json', 'harmless.json')
  assert.equal(passing.status, 0, passing.stderr)
  assert.equal(JSON.parse(passing.stdout).addsPowerful, false)
})

test('--diffPolicies: a missing or unreadable file is an error naming it (exit 2), an invalid one an error', () => {
  const root = policies({ 'new.json': newPolicy, 'bad.json': '{"resources": {"a": {"native": "yes"}}}' })
  // A typo in a file name must not be reviewed as "every package added" (or removed).
  for (const args of [['missing.json', 'new.json'], ['new.json', 'missing.json']]) {
    const run = runCli(['--diffPolicies', ...args], { cwd: root })
    assert.equal(run.status, 2, run.stderr)
    assert.equal(run.stdout, '')
    assert.equal(run.stderr, `lavamoat: cannot read the policy file ${path.join(root, 'missing.json')}: no such file\n`)
  }
  const directory = runCli(['--diffPolicies', '.', 'new.json'], { cwd: root })
  assert.equal(directory.status, 2)
  assert.match(directory.stderr, /cannot read the policy file .*: not a file/)

  const invalid = runCli(['--diffPolicies', 'bad.json', 'new.json'], { cwd: root })
  assert.equal(invalid.status, 1)
  assert.ok(invalid.stderr.startsWith(`lavamoat: ${path.join(root, 'bad.json')}:1:`), invalid.stderr)
  assert.doesNotMatch(invalid.stderr, /\n\s+at /)
})

test('--diffPolicies paths are relative to --projectRoot, and no entry is needed', () => {
  const root = policies()
  const { status, stdout } = runCli(['--projectRoot', root, '--diffPolicies', 'old.json', 'new.json'], {
    cwd: path.dirname(root),
  })
  assert.equal(status, 0)
  assert.match(stdout, /^\+ fresh/)
})

test('--diffPolicies needs two files; --json and --failOnPowerful need --diffPolicies', () => {
  const root = policies()
  const single = runCli(['--diffPolicies', 'old.json'], { cwd: root })
  assert.equal(single.status, 1)
  assert.match(single.stderr, /Not enough arguments following: diffPolicies/)
  for (const flag of ['--json', '--failOnPowerful']) {
    const alone = runCli(['app.js', flag], { cwd: root })
    assert.equal(alone.status, 1, flag)
    assert.match(alone.stderr, /Implications failed/, flag)
  }
})

test('comparePolicies and comparePolicyFiles give the same data as the CLI', () => {
  const root = policies()
  const fromObjects = comparePolicies(oldPolicy, newPolicy)
  const fromFiles = comparePolicyFiles(path.join(root, 'old.json'), path.join(root, 'new.json'))
  assert.deepEqual(fromFiles, fromObjects)
  const cli = runCli(['--diffPolicies', 'old.json', 'new.json', '--json'], { cwd: root })
  assert.deepEqual(JSON.parse(cli.stdout), fromObjects)

  // null/undefined and a missing file all mean "no policy".
  const everythingAdded = comparePolicies(undefined, newPolicy)
  assert.deepEqual(comparePolicies(null, newPolicy), everythingAdded)
  assert.deepEqual(comparePolicyFiles(path.join(root, 'none.json'), path.join(root, 'new.json')), everythingAdded)
  assert.ok(everythingAdded.packages.every((p) => p.status === 'added' && p.removed.length === 0))
  assert.equal(comparePolicies(newPolicy, newPolicy).packages.length, 0)
})

test('comparePolicyFiles throws the coded policy error for an invalid file', () => {
  const root = policies({ 'bad.json': '{"resources": {"a": {"globals": {"x": "read"}}}}' })
  assert.throws(() => comparePolicyFiles(path.join(root, 'bad.json'), path.join(root, 'none.json')), {
    code: 'LAVAMOAT_POLICY_INVALID',
  })
})

test('resolution changes get one line', () => {
  const diff = comparePolicies(
    { resources: {}, resolutions: { a: { b: './one.js' } } },
    { resources: {}, resolutions: { a: { b: './two.js' } } }
  )
  assert.equal(formatPolicyDiff(diff), '~ resolutions: +a: b -> ./two.js, -a: b -> ./one.js')
})

test('colours only on a terminal without NO_COLOR', () => {
  assert.equal(usesColor({ isTTY: true }, {}), true)
  assert.equal(usesColor({ isTTY: true }, { NO_COLOR: '1' }), false)
  assert.equal(usesColor({ isTTY: false }, {}), false)
  assert.equal(usesColor({}, {}), false)

  const diff = comparePolicies(oldPolicy, newPolicy)
  const coloured = formatPolicyDiff(diff, { color: true })
  assert.ok(coloured.includes('\x1b[32m+ fresh\x1b[0m'), 'added package in green')
  assert.ok(coloured.includes('\x1b[31m- gone\x1b[0m'), 'removed package in red')
  assert.ok(coloured.includes('\x1b[1;33m!+builtin fs.readFileSync\x1b[0m'), 'powerful addition in bold yellow')
  assert.ok(coloured.includes('\x1b[31m-globals console\x1b[0m'), 'removal in red')
  assert.equal(coloured.replace(/\x1b\[[0-9;]*m/g, ''), formatPolicyDiff(diff))
})

test('reportPolicyChanges writes a titled summary, coloured only for a terminal, nothing when unchanged', (t) => {
  const savedNoColor = process.env.NO_COLOR
  delete process.env.NO_COLOR
  t.after(() => {
    if (savedNoColor !== undefined) process.env.NO_COLOR = savedNoColor
  })

  const pipe = memoryStream(false)
  const diff = reportPolicyChanges(oldPolicy, newPolicy, pipe)
  assert.equal(diff.addsPowerful, true)
  assert.equal(pipe.text, `lavamoat: policy changes:\n${formatPolicyDiff(diff)}\n`)

  const terminal = memoryStream(true)
  reportPolicyChanges(oldPolicy, newPolicy, terminal)
  assert.match(terminal.text, /\x1b\[1;33m/)

  const unchanged = memoryStream(true)
  assert.equal(reportPolicyChanges(newPolicy, newPolicy, unchanged).packages.length, 0)
  assert.equal(unchanged.text, '')
})

/**
 * --autopolicy around a stand-in analysis (the real one is a separate piece): what it prints
 * about the previous policy, and that the new policy is written whatever the old one was.
 */
function autopolicyWith(previousText, generated, t) {
  const root = makeProject({ 'index.js': '', ...(previousText === undefined ? {} : { 'policy.json': previousText }) })
  const original = native.generatePolicy
  native.generatePolicy = () => ({ policy: generated, warnings: [] })
  const written = []
  t.mock.method(process.stderr, 'write', (chunk) => written.push(String(chunk)) >= 0)
  t.mock.method(console, 'warn', (...args) => written.push(`${args.join(' ')}\n`))
  try {
    require('../lib/policy/autopolicy').writeAutoPolicy({
      entryPath: path.join(root, 'index.js'),
      projectRoot: root,
      policyPath: path.join(root, 'policy.json'),
      policyOverridePath: path.join(root, 'policy-override.json'),
      policyDebugPath: path.join(root, 'policy-debug.json'),
    })
  } finally {
    native.generatePolicy = original
    t.mock.restoreAll()
  }
  return { stderr: written.join(''), policy: JSON.parse(fs.readFileSync(path.join(root, 'policy.json'), 'utf8')) }
}

test('--autopolicy summarises the rewrite against the previous policy', (t) => {
  const { stderr, policy } = autopolicyWith(JSON.stringify(oldPolicy), newPolicy, t)
  assert.deepEqual(policy, newPolicy)
  assert.ok(stderr.includes(`lavamoat: policy changes:\n${formatPolicyDiff(comparePolicies(oldPolicy, newPolicy))}\n`), stderr)
  assert.ok(stderr.indexOf('lavamoat: wrote the policy to') < stderr.indexOf('lavamoat: policy changes:'))
})

test('--autopolicy prints no summary for a first policy or an unchanged one', (t) => {
  for (const previous of [undefined, JSON.stringify(newPolicy)]) {
    const { stderr, policy } = autopolicyWith(previous, newPolicy, t)
    assert.deepEqual(policy, newPolicy)
    assert.doesNotMatch(stderr, /policy changes|no summary/)
  }
})

test('--autopolicy rewrites an invalid previous policy, saying in one line why there is no summary', (t) => {
  const { stderr, policy } = autopolicyWith('{"resources": {"a": {"native": "yes"}}', newPolicy, t)
  assert.deepEqual(policy, newPolicy)
  const notices = stderr.split('\n').filter((line) => line.includes('the previous policy is unreadable, so no summary of changes'))
  assert.equal(notices.length, 1, stderr)
  assert.match(notices[0], /policy\.json:1:/)
  assert.doesNotMatch(stderr, /policy changes/)
})

test('--autopolicy through the CLI: a dependency update that starts using child_process is flagged', () => {
  const root = makeProject({
    'package.json': { name: 'app', dependencies: { dep: '1.0.0' } },
    'index.js': "require('dep')\n",
    'node_modules/dep/package.json': { name: 'dep', version: '1.0.0' },
    'node_modules/dep/index.js': "module.exports = require('path').join('a', 'b')\n",
  })
  const first = runCli(['index.js', '--autopolicy'], { cwd: root })
  assert.equal(first.status, 0, first.stderr)
  assert.doesNotMatch(first.stderr, /policy changes/)

  fs.writeFileSync(path.join(root, 'node_modules/dep/index.js'), "require('child_process').execSync('true')\n")
  const second = runCli(['index.js', '--autopolicy'], { cwd: root })
  assert.equal(second.status, 0, second.stderr)
  assert.match(second.stderr, /lavamoat: policy changes:\n~ dep: !\+builtin child_process\.execSync, -builtin path\.join\n/)

  const third = runCli(['index.js', '--autopolicy'], { cwd: root })
  assert.doesNotMatch(third.stderr, /policy changes/)
})

test('SECURITY.md says what a grant of each powerful builtin gives: its table lists exactly the builtins --diffPolicies counts powerful', () => {
  const security = fs.readFileSync(path.join(__dirname, '..', 'SECURITY.md'), 'utf8')
  const section = security.slice(security.indexOf('## What a powerful grant really gives'), security.indexOf('## What is not isolated'))
  const listed = [...section.matchAll(/^\| (`[^|]+`) \|/gm)].flatMap(([, cell]) => [...cell.matchAll(/`([^`]+)`/g)].map(([, name]) => name))
  const powerful = require('node:module').builtinModules.filter((id) => !id.startsWith('_') && !id.includes('/')).filter((id) =>
    comparePolicies({ resources: {} }, { resources: { a: { builtin: { [id]: true } } } }).addsPowerful)
  assert.deepEqual([...listed].sort(), powerful.sort())
})
