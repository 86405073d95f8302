'use strict'
// The first ten minutes with the `lavamoat` command (issue 22): a forgotten --autopolicy, a
// mistyped file or flag, app arguments, `lavamoat .`. Each mistake gets one message that says
// what was wrong and what to type instead, with exit code 1 (2 for --diffPolicies' files).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { makeProject, runCli, cliPath } = require('./support/project')
const { paint } = require('../lib/cli/colors')

// An app whose dependency uses another package: with no policy, the root package may load
// `one`, but `one` may not load `two`.
const APP = {
  'package.json': { name: 'app', version: '1.0.0', dependencies: { one: '1.0.0' } },
  'index.js': "console.log('two is ' + require('one'))\n",
  'argv.js': 'console.log(JSON.stringify(process.argv.slice(2)))\n',
  'node_modules/one/package.json': { name: 'one', version: '1.0.0', dependencies: { two: '1.0.0' } },
  'node_modules/one/index.js': "module.exports = require('two')\n",
  'node_modules/two/package.json': { name: 'two', version: '1.0.0' },
  'node_modules/two/index.js': 'module.exports = 2\n',
}

// The CLI runs with the project as its cwd, whose real path it reports.
const real = (root, file) => path.join(fs.realpathSync(root), file)

test('no policy file: one error naming the file looked for and the command that writes it', () => {
  const root = makeProject(APP)
  const { status, stdout, stderr } = runCli(['index.js'], { cwd: root })
  assert.equal(status, 1)
  assert.equal(stdout, '')
  assert.equal(
    stderr,
    `lavamoat: no policy file at ${real(root, 'lavamoat/node/policy.json')}: without one, package "one" may not use "one>two".\n` +
      'Write it with `lavamoat index.js --autopolicy`, review it, then run again.\n',
  )
  // What it says to type works.
  assert.equal(runCli(['index.js', '--autopolicy'], { cwd: root }).status, 0)
  assert.equal(runCli(['index.js'], { cwd: root }).stdout, 'two is 2\n')
})

test('no policy file but an override: the same error, and no "new policy override" notice', () => {
  const root = makeProject({ ...APP, 'lavamoat/node/policy-override.json': { resources: { one: { globals: { setTimeout: true } } } } })
  const { status, stderr } = runCli(['index.js'], { cwd: root })
  assert.equal(status, 1)
  assert.match(stderr, /^lavamoat: no policy file at .*policy\.json: without one, package "one" may not use "one>two"\./)
  assert.doesNotMatch(stderr, /policy override was added|Hint: /)
})

test('no policy file and a package fails on a global it was not granted: the report says why', () => {
  const root = makeProject({ ...APP, 'node_modules/two/index.js': "console.log('two loads')\nmodule.exports = 2\n" })
  // The root package may load `two` without a policy; `two` sees no `console`.
  fs.writeFileSync(path.join(root, 'index.js'), "require('two')\n")
  const { status, stderr } = runCli(['index.js'], { cwd: root })
  assert.equal(status, 1)
  assert.match(stderr, /^TypeError: Cannot read properties of undefined \(reading 'log'\)\n\s+at .*node_modules\/two\/index\.js/)
  assert.ok(
    stderr.endsWith(
      `lavamoat: there is no policy file at ${real(root, 'lavamoat/node/policy.json')}, so every package ran with no permissions ` +
        '(a global not granted is undefined), which may be what failed.\nWrite it with `lavamoat index.js --autopolicy`, review it, then run again.\n',
    ),
    stderr,
  )
})

test('a policy that lacks a global or a builtin member a package uses: the report lists them and the override entry', () => {
  const root = makeProject({
    'package.json': { name: 'app', version: '1.0.0', dependencies: { two: '1.0.0' } },
    'index.js': "console.log(require('two'))\n",
    'node_modules/two/package.json': { name: 'two', version: '1.0.0' },
    'node_modules/two/index.js': "module.exports = process.env.LANG_PROBE.length + new TextEncoder().encode('x').length\n",
    // Written by hand, or before the package's code changed: `two` is granted nothing.
    'lavamoat/node/policy.json': { resources: { two: { globals: { TextEncoder: true } } } },
  })
  const env = { ...process.env, LANG_PROBE: 'abc' }
  const { status, stderr } = runCli(['index.js'], { cwd: root, env })
  assert.equal(status, 1)
  assert.match(stderr, /^TypeError: Cannot read properties of undefined \(reading 'env'\)/)
  const hint =
    'lavamoat: package "two" failed in node_modules/two/index.js, whose code uses what its policy does not grant: global process.env.LANG_PROBE.length. ' +
    'What is not granted is undefined to the package, which may be what failed.\n' +
    'Hint: to allow them, add "globals": {"process.env.LANG_PROBE.length": true} to resources["two"] in lavamoat/node/policy-override.json ' +
    '(or run --autopolicy again if the package changed since the policy was written)\n'
  assert.ok(stderr.endsWith(hint), stderr)
  // The entry it names is enough.
  fs.writeFileSync(path.join(root, 'lavamoat/node/policy-override.json'), JSON.stringify({ resources: { two: { globals: { 'process.env.LANG_PROBE.length': true } } } }))
  assert.equal(runCli(['index.js'], { cwd: root, env }).stdout, '4\n')
  // A builtin granted in part: the members the file uses that the policy lacks.
  fs.writeFileSync(path.join(root, 'node_modules/two/index.js'), "const fs = require('fs')\nmodule.exports = fs.existsSync(__filename) && fs.readFileSync(__filename).length\n")
  fs.writeFileSync(path.join(root, 'lavamoat/node/policy.json'), JSON.stringify({ resources: { two: { builtin: { 'fs.existsSync': true } } } }))
  const partial = runCli(['index.js'], { cwd: root, env })
  assert.match(partial.stderr, /^TypeError: fs\.readFileSync is not a function/)
  assert.match(partial.stderr, /uses what its policy does not grant: builtin fs\.readFileSync\.[^\n]*\nHint: to allow them, add "builtin": \{"fs\.readFileSync": true\} to resources\["two"\]/)
  // An error unrelated to grants gets no such hint.
  fs.writeFileSync(path.join(root, 'node_modules/two/index.js'), "null.x\n")
  assert.doesNotMatch(runCli(['index.js'], { cwd: root, env }).stderr, /Hint: /)
})

test('an app that needs no permission runs without a policy file', () => {
  const root = makeProject({ 'package.json': { name: 'app', version: '1.0.0' }, 'index.js': "console.log(require('node:path').sep)\n" })
  const { status, stdout, stderr } = runCli(['index.js'], { cwd: root })
  assert.equal(status, 0, stderr)
  assert.equal(stdout, `${path.sep}\n`)
})

test('--policy naming a missing file is an error before anything runs, never a "new override" notice', () => {
  const root = makeProject({ ...APP, 'lavamoat/node/policy.json': { resources: { one: { packages: { 'one>two': true } } } }, 'lavamoat/node/policy-override.json': { resources: { one: { globals: { setTimeout: true } } } } })
  for (const args of [['--policy', 'nope.json', 'index.js'], ['index.js', '--policy', 'nope.json'], ['-p', 'nope.json', 'index.js']]) {
    const { status, stdout, stderr } = runCli(args, { cwd: root })
    assert.equal(status, 1, args.join(' '))
    assert.equal(stdout, '')
    assert.equal(
      stderr,
      `lavamoat: no policy file at ${real(root, 'nope.json')}.\n` +
        'Write it with `lavamoat index.js --autopolicy --policy nope.json`, review it, then run again.\n',
    )
  }
})

test('a bin without its policy: the command given is the --bin form', () => {
  const root = makeProject({
    'package.json': { name: 'app', version: '1.0.0', dependencies: { kit: '1.0.0' } },
    'node_modules/kit/package.json': { name: 'kit', version: '1.0.0', bin: { kit: 'cli.js' }, dependencies: { two: '1.0.0' } },
    'node_modules/kit/cli.js': "const two = require('two')\nconsole.log('kit ' + two + ' ' + process.argv.slice(2).join(' '))\n",
    'node_modules/two/package.json': { name: 'two', version: '1.0.0' },
    'node_modules/two/index.js': 'module.exports = 2\n',
  })
  const { status, stderr } = runCli(['--bin', 'kit', '--', 'x'], { cwd: root })
  assert.equal(status, 1)
  assert.match(stderr, /^lavamoat: no policy file at .*: without one, package "kit" may not use "kit>two"\.\nWrite it with `lavamoat --bin kit --autopolicy`/)
  assert.equal(runCli(['--bin', 'kit', '--autopolicy'], { cwd: root }).status, 0)
  // Arguments after the bin name are the bin's, lavamoat's options among them still lavamoat's.
  const run = runCli(['--bin', 'kit', '--policy', 'lavamoat/node/policy.json', '1.2.3'], { cwd: root })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, 'kit 2 1.2.3\n')
})

test('--diffPolicies with a missing file: an error naming it, exit 2', () => {
  const root = makeProject({ 'old.json': { resources: {} } })
  const { status, stdout, stderr } = runCli(['--diffPolicies', 'old.json', 'nwe.json'], { cwd: root })
  assert.equal(status, 2)
  assert.equal(stdout, '')
  assert.equal(stderr, `lavamoat: cannot read the policy file ${real(root, 'nwe.json')}: no such file\n`)
})

test('an unknown option: "did you mean", each mistake reported once', () => {
  const root = makeProject(APP)
  const kebab = runCli(['--auto-policy', 'index.js'], { cwd: root })
  assert.equal(kebab.status, 1)
  assert.equal(
    kebab.stderr,
    'lavamoat: unknown option --auto-policy (did you mean --autopolicy?)\n' +
      'See `lavamoat --help`. Arguments after the entry, or after "--", are the app\'s.\n',
  )
  const several = runCli(['--zap', '--autopolcy', '--zap', '-x', 'index.js'], { cwd: root })
  assert.equal(several.status, 1)
  assert.deepEqual(several.stderr.trim().split('\n').slice(0, -1), [
    'lavamoat: unknown option --zap',
    'lavamoat: unknown option --autopolcy (did you mean --autopolicy?)',
    'lavamoat: unknown option -x',
  ])
  // After the entry, a near miss of a lavamoat option is refused rather than handed to the app.
  const slip = runCli(['index.js', '--autopolcy'], { cwd: root })
  assert.equal(slip.status, 1)
  assert.match(slip.stderr, /^lavamoat: unknown option --autopolcy \(did you mean --autopolicy\?\)\n/)
  assert.equal(fs.existsSync(path.join(root, 'lavamoat')), false)
})

test('-h is --help, -v is --version; no entry shows the usage', () => {
  const help = runCli(['--help'])
  assert.equal(help.status, 0)
  assert.deepEqual(runCli(['-h']), help)
  const version = runCli(['-v'])
  assert.equal(version.status, 0)
  assert.equal(version.stdout, `${require('../package.json').version}\n`)
  for (const args of [[], ['--autopolicy'], ['-p', 'p.json']]) {
    const { status, stdout, stderr } = runCli(args)
    assert.equal(status, 1, args.join(' '))
    assert.equal(stdout, '')
    assert.match(stderr, /^Usage: lavamoat <entry> \[options\] \[-- app args\]\n\s+lavamoat --bin <name> \[options\] \[-- app args\]\n/)
    assert.doesNotMatch(stderr, /Not enough non-option arguments/)
  }
})

test('--help: the argument rule, examples, and each option on lines of its own', () => {
  const { stdout } = runCli(['--help'], { env: { COLUMNS: '80' } })
  const lines = stdout.split('\n')
  assert.ok(lines.every((line) => line.length <= 100), lines.find((line) => line.length > 100))
  assert.match(stdout, /\nExamples:\n {2}lavamoat app\.js --autopolicy\n/)
  assert.match(stdout, /Everything after the entry is the app's argv/)
  // A line of spellings holds nothing else: the description starts on the next line.
  const spellingLine = lines.find((line) => line.startsWith('  -o, '))
  assert.equal(spellingLine, '  -o, --policyOverride, --override, --policyOverridePath <value>')
  assert.match(lines[lines.indexOf(spellingLine) + 1], /^ {6}Your hand-written changes/)
})

test('app arguments: after the entry they are the app\'s; lavamoat\'s own options stay lavamoat\'s', () => {
  const root = makeProject({ ...APP, 'other-policy.json': { resources: {} } })
  const argvOf = (args) => {
    const run = runCli(args, { cwd: root })
    assert.equal(run.status, 0, `${args.join(' ')}\n${run.stderr}`)
    return JSON.parse(run.stdout)
  }
  assert.deepEqual(argvOf(['argv.js', 'foo', '--bar']), ['foo', '--bar'])
  assert.deepEqual(argvOf(['argv.js', 'foo', '--port', '8080', '-x']), ['foo', '--port', '8080', '-x'])
  // --policy is lavamoat's (and the file is used: a missing one would be an error), not the app's.
  assert.deepEqual(argvOf(['argv.js', 'foo', '--policy', 'other-policy.json']), ['foo'])
  assert.equal(runCli(['argv.js', 'foo', '--policy', 'missing.json'], { cwd: root }).status, 1)
  // After `--` nothing is read.
  assert.deepEqual(argvOf(['argv.js', 'foo', '--', '--policy', 'x', '--autopolcy']), ['foo', '--policy', 'x', '--autopolcy'])
  // The reference's documented form: a lavamoat option after the entry.
  const written = runCli(['index.js', '--autopolicy'], { cwd: root })
  assert.equal(written.status, 0, written.stderr)
  assert.ok(fs.existsSync(path.join(root, 'lavamoat/node/policy.json')))
})

test('a directory as the entry runs its package.json "main", else its index.js, as `node .` does', () => {
  const root = makeProject({
    'package.json': { name: 'app', version: '1.0.0', main: 'src/main.js' },
    'src/main.js': "console.log('main ' + process.argv.slice(2).join(' '))\n",
    'tools/index.js': "console.log('tools index')\n",
    'empty/readme.txt': '',
  })
  const dot = runCli(['.', 'a', 'b'], { cwd: root })
  assert.equal(dot.status, 0, dot.stderr)
  assert.equal(dot.stdout, 'main a b\n')
  const tools = runCli(['tools'], { cwd: root })
  assert.equal(tools.status, 0, tools.stderr)
  assert.equal(tools.stdout, 'tools index\n')
  // --autopolicy too starts from the directory's main.
  const written = runCli(['.', '--autopolicy'], { cwd: root })
  assert.equal(written.status, 0, written.stderr)
  assert.ok(written.stderr.includes(`from entry "${real(root, 'src/main.js')}"`), written.stderr)
  const empty = runCli(['empty'], { cwd: root })
  assert.equal(empty.status, 1)
  assert.equal(empty.stderr, 'lavamoat: the entry "empty" is a directory with no file to run: neither its package.json "main" nor an index.js exists\n')
})

test('on a terminal the prefix, the hint and the code frame are coloured; NO_COLOR and pipes get plain text', (t) => {
  const terminal = { isTTY: true }
  const frame = 'lavamoat: dynamic require\n> 3 | require(x)\n    | ^^^^^^^^^^ dynamic require\nHint: add it'
  assert.equal(
    paint(frame, 'warning', terminal, {}),
    '\x1b[1;33mlavamoat:\x1b[0m dynamic require\n\x1b[1;33m>\x1b[0m 3 | require(x)\n    | \x1b[31m^^^^^^^^^^\x1b[0m dynamic require\n\x1b[1;32mHint:\x1b[0m add it',
  )
  assert.equal(paint(frame, 'warning', terminal, { NO_COLOR: '1' }), frame)
  assert.equal(paint(frame, 'warning', { isTTY: false }, {}), frame)

  // Through the real CLI: a pipe (no NO_COLOR) gets no escape codes; a terminal (util-linux's
  // `script` gives the CLI one) gets them.
  const root = makeProject(APP)
  const env = { ...process.env }
  delete env.NO_COLOR
  const piped = spawnSync(process.execPath, [cliPath, 'index.js', '--autopolicy'], { cwd: root, env, encoding: 'utf8' })
  assert.equal(piped.status, 0, piped.stderr)
  assert.doesNotMatch(piped.stderr, /\x1b\[/)
  const script = spawnSync('script', ['--version'], { encoding: 'utf8' })
  if (script.status !== 0) return t.skip('no `script` to give the CLI a terminal')
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} index.js --autopolicy`
  const onTerminal = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, env, encoding: 'utf8' })
  assert.equal(onTerminal.status, 0, onTerminal.stdout)
  assert.match(onTerminal.stdout, /\x1b\[1mlavamoat:\x1b\[0m wrote the policy to/)
})

test('a refused builtin: the hint names the members the file uses, as --autopolicy grants them; the whole module when it cannot tell', () => {
  const root = makeProject({
    'package.json': { name: 'app', version: '1.0.0', dependencies: { two: '1.0.0' } },
    'index.js': "console.log(require('two'))\n",
    'node_modules/two/package.json': { name: 'two', version: '1.0.0' },
    'node_modules/two/index.js': "const fs = require('node:fs')\nmodule.exports = fs.existsSync(__filename) && typeof fs.readFileSync\n",
    'lavamoat/node/policy.json': { resources: { two: {} } },
  })
  const members = runCli(['index.js'], { cwd: root })
  assert.equal(members.status, 1)
  // Spelt as the file spells the module, as --autopolicy writes it.
  assert.match(members.stderr, /Hint: to allow it, add "builtin": \{"node:fs\.existsSync": true, "node:fs\.readFileSync": true\} to resources\["two"\]/)
  // What it says to add is enough.
  fs.writeFileSync(path.join(root, 'lavamoat/node/policy-override.json'), JSON.stringify({ resources: { two: { builtin: { 'node:fs.existsSync': true, 'node:fs.readFileSync': true } } } }))
  assert.equal(runCli(['index.js'], { cwd: root }).stdout, 'function\n')
  // A module required by a computed name: which members it uses is not known.
  fs.rmSync(path.join(root, 'lavamoat/node/policy-override.json'))
  fs.writeFileSync(path.join(root, 'node_modules/two/index.js'), "const name = ['f', 's'].join('')\nmodule.exports = typeof require(name).readFileSync\n")
  assert.match(runCli(['index.js'], { cwd: root }).stderr, /Hint: to allow it, add "builtin": \{"fs": true\} to resources\["two"\]/)
})
