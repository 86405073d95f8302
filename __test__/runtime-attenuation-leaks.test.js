'use strict'
// A partly granted builtin must not lead to the rest of it through the objects it returns
// (lib/membranes/host-membrane.js). Each attack is shown to work under plain node first.

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

// Node's C++ handle classes (TCP, the native FileHandle, DirHandle, ...) are the constructors
// behind the objects these builtins return: one of them is a new capability of its own.
// (The language's own constructors, Object or Function, are globals and not what is sought.)
const findNativeConstructor = `
  const nativeConstructorOf = (object) => {
    if ((typeof object !== 'object' && typeof object !== 'function') || object === null) return undefined
    try {
      for (let proto = Object.getPrototypeOf(object); proto; proto = Object.getPrototypeOf(proto)) {
        const ctor = proto.constructor
        if (typeof ctor === 'function' && !(ctor.name in globalThis) && /\\{ \\[native code\\] \\}$/.test(Function.prototype.toString.call(ctor))) return ctor
      }
    } catch {}
    return undefined
  }
`

/** A project whose root opens log.txt for writing and hands the descriptor number to `evil`. */
function fdProject(code, resource) {
  return writeProject({
    files: {
      'index.js': [
        "const fs = require('fs')",
        "const fd = fs.openSync('log.txt', 'w')",
        "Promise.resolve(require('evil')(fd)).then((result) => {",
        "  console.log(JSON.stringify({ ...result, log: fs.readFileSync('log.txt', 'utf8') }))",
        '})',
      ].join('\n'),
      'node_modules/evil/index.js': code,
    },
    packages: { 'node_modules/evil': [] },
    policy: { resources: { evil: resource } },
  })
}

test('fs.promises.open: the FileHandle cannot wrap a descriptor the package did not open', () => {
  const attack = `${findNativeConstructor}
    module.exports = async (fd) => {
      const own = await require('fs').promises.open(__filename, 'r')
      let wrapped = false
      try {
        const handle = Reflect.ownKeys(own).map((key) => own[key]).find((value) => nativeConstructorOf(value))
        const NativeFileHandle = nativeConstructorOf(handle)
        const other = new own.constructor(new NativeFileHandle(fd))
        await other.write('owned')
        wrapped = true
      } catch {}
      // What the grant does give: a handle opened read-only does not write.
      let readOnlyWrites = true
      try { await own.write('x') } catch (err) { readOnlyWrites = err.code !== 'EBADF' }
      await own.close()
      return { wrapped, readOnlyWrites }
    }
  `
  const root = fdProject(attack, { builtin: { 'fs.promises.open': true }, globals: { __filename: true } })
  assert.deepEqual(plainNode(root), { wrapped: true, readOnlyWrites: false, log: 'owned' })
  assert.deepEqual(underLavamoat(root), { wrapped: false, readOnlyWrites: false, log: '' })
})

test('fs.promises.opendir: the Dir lists its directory and leads to no native handle class', () => {
  const attack = () => {
    const probe = async () => {
      const dir = await require('fs').promises.opendir(__dirname)
      const names = []
      for await (const entry of dir) names.push(entry.name)
      const again = await require('fs').promises.opendir(__dirname)
      const handle = Reflect.ownKeys(again).map((key) => again[key]).find((value) => nativeConstructorOf(value))
      await again.close()
      return { names, nativeClass: Boolean(handle && nativeConstructorOf(handle)), moduleReached: Boolean(Reflect.ownKeys(again).map((key) => again[key]).find((v) => v && typeof v.writeFileSync === 'function')) }
    }
    module.exports = probe()
  }
  const root = writeProject({
    files: { 'index.js': "require('evil').then((result) => console.log(JSON.stringify(result)))\n", 'node_modules/evil/index.js': findNativeConstructor + body(attack) },
    packages: { 'node_modules/evil': [] },
    policy: { resources: { evil: { builtin: { 'fs.promises.opendir': true }, globals: { __dirname: true } } } },
  })
  const listing = ['index.js', 'package.json']
  // Node 20 keeps the native DirHandle under a symbol; later versions in a private field.
  const dir = require('node:fs').opendirSync(root)
  const handleUnderSymbol = Object.getOwnPropertySymbols(dir).some((symbol) => String(symbol) === 'Symbol(kDirHandle)')
  dir.closeSync()
  assert.deepEqual(plainNode(root), { names: listing, nativeClass: handleUnderSymbol, moduleReached: false })
  assert.deepEqual(underLavamoat(root), { names: listing, nativeClass: false, moduleReached: false })
})

/** `evil` granted only http.request reports whether the socket it names leads to a TCP server. */
function httpSocketProject(socketExpression) {
  const attack = `
    module.exports = new Promise((resolve) => {
      // \`new TCP(1)\` is a server handle: bound and listening, it accepts connections.
      const listens = (socket) => {
        try {
          const TCP = nativeConstructorOf(socket._handle)
          const server = new TCP(1)
          const listening = server.bind('127.0.0.1', 0) === 0 && server.listen(1) === 0
          server.close()
          return listening
        } catch {
          return false
        }
      }
      const req = require('http').request({ host: '127.0.0.1', port: 9 })
      req.on('error', () => {})
      req.on('socket', (socket) => {
        const result = { listening: listens(${socketExpression}) }
        req.destroy()
        resolve(result)
      })
      req.end()
    })
  `
  return writeProject({
    files: { 'index.js': "require('evil').then((result) => console.log(JSON.stringify(result)))\n", 'node_modules/evil/index.js': findNativeConstructor + attack },
    packages: { 'node_modules/evil': [] },
    policy: { resources: { evil: { builtin: { 'http.request': true } } } },
  })
}

test('http.request: req.socket leads to no native TCP class (a listening server)', () => {
  const root = httpSocketProject('req.socket')
  assert.deepEqual(plainNode(root), { listening: true })
  assert.deepEqual(underLavamoat(root), { listening: false })
})

test('http.request: nor does the socket Node passes to a "socket" listener', () => {
  const root = httpSocketProject('socket')
  assert.deepEqual(plainNode(root), { listening: true })
  assert.deepEqual(underLavamoat(root), { listening: false })
})

test('the prototype chain of a server an attenuated builtin makes can be walked: instanceof a class of the package (@nestjs/core)', () => {
  const root = projectWith(() => {
    const http = require('http')
    const server = http.createServer()
    class NestApplication {}
    const chain = []
    for (let proto = Object.getPrototypeOf(server); proto !== null; proto = Object.getPrototypeOf(proto)) {
      chain.push(Object.prototype.hasOwnProperty.call(proto, 'constructor') ? proto.constructor.name : '?')
    }
    module.exports = { mine: server instanceof NestApplication, chain, listen: typeof server.listen }
  }, { builtin: { 'http.createServer': true } })
  const expected = { mine: false, chain: ['Server', 'Server', 'EventEmitter', 'Object'], listen: 'function' }
  assert.deepEqual(plainNode(root), expected)
  assert.deepEqual(underLavamoat(root), expected)
})

test('errors an attenuated builtin throws answer instanceof like the real ones (yargs\' y18n)', () => {
  const root = projectWith(() => {
    const fs = require('fs')
    try {
      fs.readFileSync(`${__dirname}/missing.json`)
    } catch (err) {
      module.exports = { error: err instanceof Error, syntax: err instanceof SyntaxError, code: err.code }
    }
  }, { builtin: { 'fs.readFileSync': true } })
  const expected = { error: true, syntax: false, code: 'ENOENT' }
  assert.deepEqual(plainNode(root), expected)
  const run = runProject(root)
  assert.equal(run.status, 0, run.stderr)
  assert.deepEqual(JSON.parse(run.stdout), expected)
})

test('a constructor inheriting an attenuated class assigns and reads on its own objects (light-my-request)', () => {
  const root = projectWith(() => {
    const http = require('http')
    const util = require('util')
    function Response(req) {
      http.ServerResponse.call(this, req)
    }
    util.inherits(Response, http.ServerResponse)
    // Assignments through the guarded prototype land on the package's own object, as they are.
    Response.prototype.writeHead = function (...args) {
      this.heads = (this.heads || 0) + 1
      return Reflect.apply(http.ServerResponse.prototype.writeHead, this, args)
    }
    Response.prototype.marker = http.ServerResponse
    const res = new Response(new http.IncomingMessage(null))
    const chained = res.setHeader('x', '1') === res
    // headersSent is a getter of the real prototype: it reads the package's object.
    const before = res.headersSent
    res.writeHead(200)
    module.exports = {
      own: Object.prototype.hasOwnProperty.call(Response.prototype, 'writeHead'),
      shared: http.ServerResponse.prototype.writeHead === Response.prototype.writeHead,
      marker: Response.prototype.marker === http.ServerResponse,
      chained,
      before,
      after: res.headersSent,
      heads: res.heads,
    }
  }, { builtin: { 'http.ServerResponse': true, 'http.IncomingMessage': true, 'util.inherits': true } })
  const expected = { own: true, shared: false, marker: true, chained: true, before: false, after: true, heads: 1 }
  assert.deepEqual(plainNode(root), expected)
  assert.deepEqual(underLavamoat(root), expected)
})

test('an array an attenuated builtin hands out, iterated by its own methods, gives the elements its indexes give (execa 9: child.stdio.map)', () => {
  const code = () => {
    const { spawn } = require('child_process')
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'pipe' })
    const spread = [...child.stdio]
    const mapped = child.stdio.map((stream, index) => stream === child.stdio[index] && stream === spread[index])
    let forEach = 0
    child.stdio.forEach((stream, index) => { if (stream === spread[index]) forEach++ })
    const found = child.stdio.find((stream) => stream === spread[1]) === spread[1]
    // A stream a callback gets is the guarded one: it leads to no native handle class.
    const handleClass = child.stdio.map((stream) => stream._handle && stream._handle.constructor).filter(Boolean).length
    child.stdio.forEach((stream) => stream.destroy())
    child.kill()
    module.exports = { mapped, forEach, found, isArray: Array.isArray(child.stdio.slice(0)), handleClass }
  }
  const root = projectWith(code, { builtin: { 'child_process.spawn': true }, globals: { 'process.execPath': true } })
  const plain = plainNode(root)
  assert.deepEqual(plain, { mapped: [true, true, true], forEach: 3, found: true, isArray: true, handleClass: 3 })
  assert.deepEqual(underLavamoat(root), { ...plain, handleClass: 0 })
})
