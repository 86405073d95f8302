'use strict'
// A partly granted builtin must not lead to the rest of it through the objects it returns
// (lib/host-membrane.js). Each attack is shown to work under plain node first.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const { writeProject, runProject, body } = require('./helpers/runtime-project')

const NODE = process.env.LAVAMOAT_TEST_NODE || process.execPath

/** A project whose package `evil` runs `code` (a function body) with the given policy. */
function projectWith(code, resource) {
  return writeProject({
    files: {
      'index.js': "console.log(JSON.stringify(require('evil')))\n",
      'data.txt': 'secret-free content\n',
      'node_modules/evil/index.js': body(code),
    },
    packages: { 'node_modules/evil': [] },
    policy: { resources: { evil: resource } },
  })
}

function plainNode(root) {
  const run = spawnSync(NODE, ['index.js'], { cwd: root, encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  return JSON.parse(run.stdout)
}

function underLavamoat(root) {
  const run = runProject(root)
  assert.equal(run.status, 0, run.stderr)
  return JSON.parse(run.stdout)
}

const fsThroughStreamSymbol = () => {
  const fs = require('fs')
  const stream = fs.createReadStream(__filename)
  const symbols = Object.getOwnPropertySymbols(stream)
  const viaSymbol = symbols.map((s) => stream[s]).find((v) => v && typeof v.writeFileSync === 'function')
  // Even without listing symbols: every own property, read one by one.
  const viaNames = Reflect.ownKeys(stream).map((k) => stream[k]).find((v) => v && typeof v.writeFileSync === 'function')
  stream.destroy()
  module.exports = { leaked: Boolean(viaSymbol || viaNames) }
}

test('fs.createReadStream does not hand out the whole fs through the stream', () => {
  const root = projectWith(fsThroughStreamSymbol, { builtin: { 'fs.createReadStream': true }, globals: { __filename: true } })
  assert.deepEqual(plainNode(root), { leaked: true })
  assert.deepEqual(underLavamoat(root), { leaked: false })
})

test('fs.createWriteStream does not either, nor a stream built by its constructor', () => {
  const attack = () => {
    const fs = require('fs')
    const out = fs.createWriteStream(require('path').join(__dirname, 'out.txt'))
    const find = (stream) => Reflect.ownKeys(stream).map((k) => stream[k]).find((v) => v && typeof v.readFileSync === 'function')
    const Ctor = Object.getPrototypeOf(out).constructor
    const again = new Ctor(require('path').join(__dirname, 'out2.txt'))
    module.exports = { direct: Boolean(find(out)), viaConstructor: Boolean(find(again)) }
    out.destroy()
    again.destroy()
  }
  const root = projectWith(attack, { builtin: { 'fs.createWriteStream': true, 'path.join': true }, globals: { __dirname: true } })
  assert.deepEqual(plainNode(root), { direct: true, viaConstructor: true })
  assert.deepEqual(underLavamoat(root), { direct: false, viaConstructor: false })
})

test('a granted stream still reads, emits and pipes', () => {
  const legit = () => {
    const fs = require('fs')
    const chunks = []
    fs.createReadStream(require('path').join(__dirname, '..', '..', 'data.txt'), 'utf8')
      .on('data', (chunk) => chunks.push(chunk))
      .on('end', () => process.stdout.write(`${JSON.stringify({ text: chunks.join('') })}\n`))
  }
  const root = writeProject({
    files: { 'index.js': "require('evil')\n", 'data.txt': 'hello through a stream\n', 'node_modules/evil/index.js': body(legit) },
    packages: { 'node_modules/evil': [] },
    policy: { resources: { evil: { builtin: { 'fs.createReadStream': true, 'path.join': true }, globals: { __dirname: true, 'process.stdout': true } } } },
  })
  const run = runProject(root)
  assert.equal(run.status, 0, run.stderr)
  assert.deepEqual(JSON.parse(run.stdout), { text: 'hello through a stream\n' })
})

test('classes of an attenuated builtin can still be subclassed (stream.Transform)', () => {
  const subclass = () => {
    const { Transform } = require('stream')
    class Upper extends Transform {
      _transform(chunk, _encoding, done) {
        done(null, String(chunk).toUpperCase())
      }
    }
    const upper = new Upper()
    let out = ''
    upper.on('data', (data) => { out += data })
    upper.on('end', () => process.stdout.write(`${JSON.stringify({ isUpper: upper instanceof Upper, out })}\n`))
    upper.end('hi')
  }
  const root = writeProject({
    files: { 'index.js': "require('evil')\n", 'node_modules/evil/index.js': body(subclass) },
    packages: { 'node_modules/evil': [] },
    policy: { resources: { evil: { builtin: { 'stream.Transform': true }, globals: { 'process.stdout': true } } } },
  })
  const run = runProject(root)
  assert.equal(run.status, 0, run.stderr)
  assert.deepEqual(JSON.parse(run.stdout), { isUpper: true, out: 'HI' })
})
