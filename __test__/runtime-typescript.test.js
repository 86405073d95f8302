'use strict'
// TypeScript entries as Node runs them (Node 22.18+ and 23.6+ strip types by default): `.ts`
// (its package's type, or its syntax), `.mts` and `.cts`, through --autopolicy and at run
// time; a `.ts` file under node_modules refused as Node refuses it; on a Node that does not
// strip types, one clear error.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const { writeProject, runProject } = require('./helpers/runtime-project')

const NODE = process.env.LAVAMOAT_TEST_NODE || process.execPath
const stripsTypes = Boolean(spawnSync(NODE, ['-p', 'process.features.typescript'], { encoding: 'utf8' }).stdout.trim().replace('undefined', ''))

const APP = {
  files: {
    'package.json': JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { reader: '1.0.0' } }),
    'index.ts': [
      "import type { Shape } from './shapes.mts'",
      "import { area, type Unit } from './shapes.mts'",
      "import { createRequire } from 'node:module'",
      'const require = createRequire(import.meta.url)',
      "const { describe } = require('./describe.cts') as { describe: (s: Shape) => string }",
      "import readFirstLine from 'reader'",
      "const unit: Unit = 'cm'",
      "const square: Shape = { kind: 'square', side: 3 }",
      "console.log(describe(square), area(square), unit, readFirstLine(new URL('./notes.txt', import.meta.url)))",
    ].join('\n'),
    'shapes.mts': [
      "export type Shape = { kind: 'square'; side: number }",
      "export type Unit = 'cm' | 'in'",
      'export function area(shape: Shape): number { return shape.side ** 2 }',
    ].join('\n'),
    'describe.cts': "exports.describe = (shape: { kind: string }): string => `a ${shape.kind}`\n",
    'notes.txt': 'first line\nsecond line\n',
    'node_modules/reader/package.json': JSON.stringify({ name: 'reader', version: '1.0.0', main: 'index.js' }),
    'node_modules/reader/index.js': "const fs = require('fs')\nmodule.exports = (file) => fs.readFileSync(file, 'utf8').split('\\n')[0]\n",
  },
}

test('a TypeScript entry, its .mts and .cts modules: --autopolicy and the run as under node', { skip: !stripsTypes && 'this Node does not strip types' }, () => {
  const root = writeProject(APP)
  const plain = spawnSync(NODE, ['index.ts'], { cwd: root, encoding: 'utf8' })
  assert.equal(plain.status, 0, plain.stderr)
  assert.equal(plain.stdout, 'a square 9 cm first line\n')
  const written = runProject(root, { entry: 'index.ts', args: ['--autopolicy'] })
  assert.equal(written.status, 0, written.stderr)
  const run = runProject(root, { entry: 'index.ts' })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, plain.stdout)
  assert.equal(run.stderr, '')
})

test('a .ts file under node_modules is refused as Node refuses it', { skip: !stripsTypes && 'this Node does not strip types' }, () => {
  const root = writeProject({
    files: {
      'package.json': JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { typed: '1.0.0' } }),
      'index.js': "try { require('typed') } catch (err) { console.log(err.code) }\n",
      'node_modules/typed/package.json': JSON.stringify({ name: 'typed', version: '1.0.0', main: 'index.ts' }),
      'node_modules/typed/index.ts': 'export const n: number = 1\n',
    },
  })
  const plain = spawnSync(NODE, ['index.js'], { cwd: root, encoding: 'utf8' })
  assert.equal(plain.stdout, 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING\n')
  assert.equal(runProject(root, { args: ['--autopolicy'] }).status, 0)
  assert.equal(runProject(root).stdout, plain.stdout)
})

test('on a Node without type stripping, a TypeScript entry is one clear error', { skip: stripsTypes && 'this Node strips types' }, () => {
  const root = writeProject(APP)
  const written = runProject(root, { entry: 'index.ts', args: ['--autopolicy'] })
  assert.equal(written.status, 0, written.stderr)
  const run = runProject(root, { entry: 'index.ts' })
  assert.equal(run.status, 1)
  assert.match(run.stderr, /does not run TypeScript\. Node 22\.18\+ and 23\.6\+ strip types by default/)
})
