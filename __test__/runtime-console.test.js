'use strict'
// Console output under lavamoat is Node's, byte for byte: format specifiers, inspect options,
// stdout vs stderr per method, colours when Node uses them; from the app and from a package.
// (Not Map, Set or Promise instances: lockdown's override taming makes their prototypes'
// `constructor` an accessor, and inspect then names them `Object(1) [Map]`; README.)

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

test('a package granted console cannot replace its methods for the app', () => {
  withProject({
    files: {
      'index.js': "require('one'); console.log('app')\n",
      'node_modules/one/index.js': "try { console.log = () => {} } catch (err) { console.error(err.constructor.name) }\n",
    },
    packages: { 'node_modules/one': [] },
    policy: { resources: { one: { globals: { console: true } } } },
  }, (dir) => {
    const run = runProject(dir)
    assert.deepEqual([run.status, run.stdout, run.stderr], [0, 'app\n', 'TypeError\n'])
  })
})
