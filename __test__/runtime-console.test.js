'use strict'
// Console output under lavamoat is Node's, byte for byte: format specifiers, inspect options,
// stdout vs stderr per method, colours when Node uses them; from the app and from a package.
// (Not `%s` of an error, nor Map, Set or Promise instances (Node 20): lockdown's override
// taming makes their prototypes' `constructor` an accessor, which inspect does not read.)

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const { spawnSync } = require('node:child_process')
const { NODE, writeProject, runProject } = require('./helpers/runtime-project')

const SCRIPT = `
const circular = { name: 'c', list: [1, 'two', null, undefined, Symbol('s')] }
circular.self = circular
const sample = { a: 1, nested: { deep: { deeper: { deepest: [1, 2, { x: 'y' }] } } }, fn() {}, date: new Date(0), re: /x/g, bytes: new Uint8Array(3) }
console.log('s=%s d=%d i=%i f=%f j=%j o=%o O=%O c=%c pct=%% rest', 'str', 42.5, '42.9', '3.25', circular, sample, sample, 'color: red', 'extra', sample)
console.log('%s %d %j %i', 7n, 8n, { list: [1, 'a'], nested: { t: true } }, 9n, { big: 10n })
console.info('info %O', [new Error('e').message, null])
console.debug('debug', [1, 'a', null, undefined], true, 1.5)
console.warn('warn %j', { w: 1 })
console.error('error %o', circular)
console.dir(sample, { depth: 0 })
console.table([{ a: 1, b: 'x' }, { a: 2, c: true }])
console.group('group')
console.log('indented %s', 'line')
console.groupEnd()
console.assert(false, 'assert %s', 'failed')
console.count('n')
console.count('n')
console.trace('trace %d', 1)
`

// console.trace's stack frames differ (the module wrapper); its first line must not.
const untilTrace = (stderr) => stderr.slice(0, stderr.indexOf('\n', stderr.indexOf('Trace: ')) + 1)

function withProject(spec, fn) {
  const dir = writeProject(spec)
  try {
    fn(dir)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

for (const FORCE_COLOR of ['0', '1']) {
  const env = { FORCE_COLOR, NO_COLOR: '' }
  const plain = () => withProject({ files: { 'index.js': SCRIPT } }, (dir) => {
    const run = spawnSync(NODE, ['index.js'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } })
    assert.equal(run.status, 0, run.stderr)
    expected = run
  })
  let expected
  const assertSameAsNode = (run) => {
    assert.equal(run.status, 0, run.stderr)
    assert.equal(run.stdout, expected.stdout)
    assert.equal(untilTrace(run.stderr), untilTrace(expected.stderr))
    assert.match(untilTrace(run.stderr), /^warn \{"w":1\}\nerror /)
  }

  test(`app code: console output is Node's (FORCE_COLOR=${FORCE_COLOR})`, () => {
    plain()
    assert.equal(expected.stdout.includes('\x1b['), FORCE_COLOR === '1')
    withProject({ files: { 'index.js': SCRIPT } }, (dir) => assertSameAsNode(runProject(dir, { env })))
  })

  test(`package code granted console: output is Node's (FORCE_COLOR=${FORCE_COLOR})`, () => {
    plain()
    withProject({
      files: { 'index.js': "require('one')\n", 'node_modules/one/index.js': SCRIPT },
      packages: { 'node_modules/one': [] },
      policy: { resources: { one: { globals: { console: true } } } },
    }, (dir) => assertSameAsNode(runProject(dir, { env })))
  })
}

test('a package granted console patches its own copy (vitest filters console.error), never the app\'s nor another package\'s', () => {
  withProject({
    files: {
      'index.js': "require('one'); require('two'); console.log('app')\n",
      'node_modules/one/index.js': [
        'const error = console.error',
        "console.error = (message) => { if (!message.includes('noise')) error('one: ' + message) }",
        "console.error('noise'); console.error('kept')",
        'console.log = () => {}',
        "Object.defineProperty(console, 'warn', { value: () => {} })",
      ].join('\n'),
      'node_modules/two/index.js': "console.error('two: noise'); console.warn('two warns'); console.log('two logs')\n",
    },
    packages: { 'node_modules/one': [], 'node_modules/two': [] },
    policy: { resources: { one: { globals: { console: true } }, two: { globals: { console: true } } } },
  }, (dir) => {
    const run = runProject(dir)
    assert.deepEqual([run.status, run.stdout, run.stderr], [0, 'two logs\napp\n', 'one: kept\ntwo: noise\ntwo warns\n'])
  })
})

test('errors print as Node prints them, from the app and from a package: header, four-space frames, nested', () => {
  const script = [
    "const err = new TypeError('boom')",
    "err.code = 'E_BOOM'",
    'console.log(err)',
    "console.error({ nested: new RangeError('inner') })",
    "console.log('%s | %o', new Error('fmt'), [new SyntaxError('in array')])",
  ].join('\n')
  const check = ({ status, stdout, stderr }) => {
    assert.equal(status, 0, stderr)
    assert.match(stdout, /^TypeError: boom\n {4}at .*index\.js:1:\d+\)?\n/)
    assert.match(stdout, /\n {2}code: 'E_BOOM'\n\}\n/)
    // Node prints the stack for %s of an error; here its first line (README: override taming).
    assert.match(stdout, /\nError: fmt \| \[\n {2}SyntaxError: in array\n {6}at /)
    assert.match(stderr, /^\{\n {2}nested: RangeError: inner\n {6}at /)
  }
  withProject({ files: { 'index.js': script } }, (dir) => check(runProject(dir)))
  withProject({
    files: { 'index.js': "require('one')\n", 'node_modules/one/index.js': script },
    packages: { 'node_modules/one': [] },
    policy: { resources: { one: { globals: { console: true } } } },
  }, (dir) => {
    const run = runProject(dir)
    check({ ...run, stdout: run.stdout.replace(/node_modules\/one\/index\.js/g, 'index.js') })
  })
})

test('the inspect method errors carry formats nothing: it returns a frozen copy of an error, anything else as it is', () => {
  withProject({
    files: {
      'index.js': "console.log(JSON.stringify(require('one')))\n",
      'node_modules/one/index.js': [
        "const inspect = Error.prototype[Symbol.for('nodejs.util.inspect.custom')]",
        "const error = new Error('carrier')",
        'error.proc = process',
        'const copy = inspect.call(error, 5, { showProxy: true })',
        'const plain = { proc: process }',
        'module.exports = {',
        '  frozen: Object.isFrozen(copy) && Object.isFrozen(Object.getPrototypeOf(copy)),',
        '  sameValues: copy.proc === process && copy.message === error.message,',
        '  copyIsError: copy instanceof Error && copy !== error,',
        '  oneCopy: inspect.call(error) === copy,',
        '  plain: inspect.call(plain, 5, { showProxy: true }) === plain,',
        '  env: typeof process.env,',
        '}',
      ].join('\n'),
    },
    packages: { 'node_modules/one': [] },
    policy: { resources: { one: { globals: { process: true, 'process.env': false } } } },
  }, (dir) => {
    const run = runProject(dir)
    assert.equal(run.status, 0, run.stderr)
    assert.deepEqual(JSON.parse(run.stdout), { frozen: true, sameValues: true, copyIsError: true, oneCopy: true, plain: true, env: 'undefined' })
  })
})

test('a circular error prints as in Node (one copy per error while its properties stay)', () => {
  const script = "const e = new Error('x'); e.self = e; e.list = [e, { deep: e }]; console.log(require('util').inspect(e, { depth: null })); e.code = 'C'; console.log({ e })\n"
  withProject({ files: { 'index.js': script } }, (dir) => {
    const withoutFrames = (text) => text.replace(/\n +at [^\n]*/g, '')
    const node = spawnSync(NODE, ['index.js'], { cwd: dir, encoding: 'utf8' })
    const run = runProject(dir)
    assert.equal(run.status, 0, run.stderr)
    assert.equal(withoutFrames(run.stdout), withoutFrames(node.stdout))
    assert.match(run.stdout, /^<ref \*1> Error: x\n/)
  })
})
