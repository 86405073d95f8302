'use strict'
// The fast path for common invocations (lib/cli/cli-fast-path.js) must give exactly what yargs
// gives, for every argument list it accepts; everything else is left to yargs.

const test = require('node:test')
const assert = require('node:assert/strict')
const { parseCommonInvocation } = require('../lib/cli/cli-fast-path')
const { parseWithYargs, appArgv } = require('../lib/cli')
const { options } = require('../lib/cli/cli-options')
const { splitArguments } = require('../lib/cli/arguments')

/** What the CLI reads from a parse: the options, the entry and the app's argv. */
function used(parsed, argv) {
  // With --bin, the CLI passes the file it resolved; any stand-in shows where it goes.
  const binFile = parsed.bin ? '/project/node_modules/tool/cli.js' : undefined
  const picked = { entryPath: parsed.entryPath, appArgv: appArgv(['node', 'lavamoat', ...argv], parsed, binFile) }
  for (const name of Object.keys(options)) picked[name] = parsed[name]
  return picked
}

// A small deterministic generator, so a failure names a reproducible argument list.
function random(seed) {
  let state = seed
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state % n
  }
}

const FLAG_TOKENS = [
  ['--autopolicy'], ['-a'], ['--writeAutoPolicy'], ['--autorun'], ['--ar'], ['--writeAutoPolicyDebug'], ['--dp'],
  ['--debugpolicy'], ['-d'], ['--debug'], ['--debugMode'], ['--stats'], ['--statsMode'],
  ['--policy', 'p.json'], ['-p', 'x/p.json'], ['--policyPath=q.json'], ['--policyOverride', 'o.json'], ['-o', 'o.json'],
  ['--override=o2.json'], ['--pd', 'debug.json'], ['--policydebug', 'd.json'], ['--projectRoot', '/tmp/root'],
  ['--projectRoot=/srv/app'], ['--policy', '123'], ['--bin'], ['-b'],
]
// Forms the fast path must leave to yargs (each still a valid command line).
const YARGS_ONLY = [
  ['--no-autopolicy'], ['--autopolicy', 'false'], ['--autopolicy=true'], ['--policy-path', 'p.json'], ['-pd', 'x'],
  ['--scuttleGlobalThis'], ['--scuttleGlobalThisExceptions', 'a', 'b'], ['--debug', '--debug'], ['--bin=true'],
]

function commandLine(next) {
  const tokens = []
  const flags = next(4)
  for (let i = 0; i < flags; i += 1) tokens.push(FLAG_TOKENS[next(FLAG_TOKENS.length)])
  tokens.splice(next(tokens.length + 1), 0, [next(2) ? 'app.js' : 'src/main.cjs'])
  const argv = tokens.flat()
  if (next(3) === 0) argv.push('--', ...['--port', '8080', 'x'].slice(0, next(4)))
  return argv
}

test('every argument list the fast path accepts parses as yargs parses it', () => {
  const next = random(7)
  let accepted = 0
  for (let round = 0; round < 400; round += 1) {
    const argv = commandLine(next)
    const fast = parseCommonInvocation(argv)
    if (fast === undefined) continue
    accepted += 1
    assert.deepEqual(used(fast, argv), used(parseWithYargs(argv), argv), JSON.stringify(argv))
  }
  // Repeated flags are left to yargs; most generated lines have none.
  assert.ok(accepted > 250, `only ${accepted} of 400 command lines took the fast path`)
})

test('the everyday invocations take the fast path', () => {
  for (const argv of [['app.js'], ['app.js', '--autopolicy'], ['--autorun', 'app.js', '--', '--port', '1'], ['-p', 'p.json', 'index.js'], ['--bin', 'eslint', '--', 'src/']]) {
    assert.notEqual(parseCommonInvocation(argv), undefined, JSON.stringify(argv))
  }
})

test('forms with yargs-specific meaning are left to yargs', () => {
  for (const form of YARGS_ONLY) {
    const argv = ['app.js', ...form]
    assert.equal(parseCommonInvocation(argv), undefined, JSON.stringify(argv))
  }
  for (const argv of [[], ['--help'], ['--version'], ['--diffPolicies', 'a.json', 'b.json'], ['a.js', 'b.js'], ['app.js', '--unknown']]) {
    assert.equal(parseCommonInvocation(argv), undefined, JSON.stringify(argv))
  }
})

test('app arguments after the entry: both parsers read the split command line alike', () => {
  const next = random(11)
  const APP_TOKENS = [['serve'], ['--port', '8080'], ['-x'], ['--bar'], ['1.2.3']]
  for (let round = 0; round < 200; round += 1) {
    const argv = commandLine(next)
    const end = argv.includes('--') ? argv.indexOf('--') : argv.length
    const app = Array.from({ length: next(4) }, () => APP_TOKENS[next(APP_TOKENS.length)]).flat()
    const line = [...argv.slice(0, end), ...app, ...argv.slice(end)]
    const split = splitArguments(line)
    assert.deepEqual(split.unknown, [], JSON.stringify(line))
    const viaYargs = used(parseWithYargs(split.argv), split.argv)
    // The app gets its arguments in order, and none of lavamoat's.
    const afterDashes = end < argv.length ? argv.slice(end + 1) : []
    assert.deepEqual(viaYargs.appArgv.slice(2), [...app, ...afterDashes], JSON.stringify(line))
    const fast = parseCommonInvocation(split.argv)
    if (fast !== undefined) assert.deepEqual(used(fast, split.argv), viaYargs, JSON.stringify(line))
  }
})
