'use strict'
// Every error the runtime raises: exact reference text first, plus our `code` and hint.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { scaffold, writeProject, runProject, resultOf, REPO } = require('./helpers/runtime-project')

// The entry reports what it caught, so `code` (not printed by the CLI) can be checked.
const catchingEntry = () => {
  try {
    require('one')
    console.log(JSON.stringify({ ok: true }))
  } catch (err) {
    console.log(JSON.stringify({ message: err.message, code: err.code }))
  }
}
const caught = (spec) => resultOf(runProject(scaffold({ entry: catchingEntry, ...spec })))

// What the CLI prints when an error ends the run: the frames of LavaMoat (this repo's lib/)
// and of SES are left out unless --debugMode.
const stackFrames = (stderr) => stderr.split('\n').filter((line) => /^\s+at /.test(line))
const ownFrame = (line) => line.includes(path.join(REPO, 'lib') + path.sep) || line.includes(`${path.sep}ses${path.sep}`)
const occurrences = (text, part) => text.split(part).length - 1

function assertOnlyUserFrames(stderr) {
  const frames = stackFrames(stderr)
  assert.ok(frames.length > 0, stderr)
  assert.deepEqual(frames.filter(ownFrame), [], stderr)
}

test('package not in allowlist: reference text, code, override hint', () => {
  const error = caught({ policy: { resources: { one: { packages: { two: false } } } } })
  const [first, hint] = error.message.split('\n')
  assert.equal(first, 'LavaMoat - required package not in allowlist: package "one" requested "two" as "two"')
  assert.equal(hint, 'Hint: to allow it, add "packages": {"two": true} to resources["one"] in lavamoat/node/policy-override.json')
  assert.equal(error.code, 'LAVAMOAT_PACKAGE_NOT_ALLOWED')
})

test('package not in allowlist: the CLI prints it once, with its hint and the package\'s frame, and exits 1', () => {
  const dir = scaffold({ policy: { resources: { one: { packages: { two: false } } } } })
  const run = runProject(dir)
  assert.equal(run.status, 1)
  const [first, hint] = run.stderr.split('\n')
  assert.equal(first, 'Error: LavaMoat - required package not in allowlist: package "one" requested "two" as "two"')
  assert.equal(hint, 'Hint: to allow it, add "packages": {"two": true} to resources["one"] in lavamoat/node/policy-override.json')
  assert.equal(occurrences(run.stderr, 'not in allowlist'), 1, run.stderr)
  assertOnlyUserFrames(run.stderr)
  assert.ok(stackFrames(run.stderr)[0].includes(path.join(dir, 'node_modules/one/index.js')), run.stderr)
})

test('an error a package throws keeps its message and the frames of the package and the app, once', () => {
  const dir = scaffold({
    one: () => {
      function parseConfig() {
        throw new TypeError('config is not an object')
      }
      parseConfig()
    },
  })
  const run = runProject(dir)
  assert.equal(run.status, 1)
  assert.equal(run.stderr.split('\n')[0], 'TypeError: config is not an object')
  assert.equal(occurrences(run.stderr, 'config is not an object'), 1, run.stderr)
  assertOnlyUserFrames(run.stderr)
  const frames = stackFrames(run.stderr)
  assert.match(frames[0], new RegExp(`at parseConfig \\(${path.join(dir, 'node_modules/one/index.js')}:`))
  assert.ok(frames.some((line) => line.includes(path.join(dir, 'index.js'))), 'the app frame that required the package')
})

test('--debugMode keeps LavaMoat\'s and SES\'s frames', () => {
  const run = runProject(scaffold({ one: () => { throw new Error('boom') } }), { args: ['--debugMode'] })
  assert.equal(run.status, 1)
  assert.equal(occurrences(run.stderr, 'Error: boom'), 1, run.stderr)
  assert.ok(stackFrames(run.stderr).some(ownFrame), run.stderr)
})

test('builtin not in allowlist: reference text, code, hint; fs and node:fs are distinct ids', () => {
  const denied = caught({ one: () => { require('fs') } })
  assert.equal(denied.message.split('\n')[0], 'LavaMoat - required node builtin package not in allowlist: package "one" requested "fs" as "fs"')
  assert.match(denied.message, /add "builtin": \{"fs": true\} to resources\["one"\]/)
  assert.equal(denied.code, 'LAVAMOAT_BUILTIN_NOT_ALLOWED')
  const prefixed = caught({
    one: () => { require('node:fs') },
    policy: { resources: { one: { builtin: { 'fs.readFileSync': true } } } },
  })
  assert.equal(prefixed.message.split('\n')[0], 'LavaMoat - required node builtin package not in allowlist: package "one" requested "node:fs" as "node:fs"')
})

test('native module needs native: true (reference text, code); granted it loads', () => {
  const addon = fs.readdirSync(path.join(REPO, 'lib')).find((name) => name.endsWith('.node'))
  assert.ok(addon, 'the addon is built')
  const spec = (native) => {
    const dir = scaffold({
      entry: catchingEntry,
      one: () => { module.exports = typeof require('./addon.node').PackageIndex },
      policy: { resources: { one: native ? { native: true } : {} } },
    })
    fs.copyFileSync(path.join(REPO, 'lib', addon), path.join(dir, 'node_modules/one/addon.node'))
    return dir
  }
  const dir = spec(false)
  const denied = resultOf(runProject(dir))
  const file = path.join(dir, 'node_modules/one/addon.node')
  assert.equal(denied.message.split('\n')[0], `LavaMoat - "native" module type not permitted for package "one", module "${file}"`)
  assert.equal(denied.code, 'LAVAMOAT_NATIVE_NOT_ALLOWED')
  assert.match(denied.message, /add "native": true to resources\["one"\]/)
  // Uncaught, it is reported like the other violations: message, hint, the package's frame.
  fs.writeFileSync(path.join(dir, 'index.js'), "require('one')\n")
  const uncaught = runProject(dir)
  assert.equal(uncaught.status, 1)
  assert.equal(uncaught.stderr.split('\n').slice(0, 2).join('\n'), `Error: ${denied.message}`)
  assertOnlyUserFrames(uncaught.stderr)
  assert.deepEqual(resultOf(runProject(spec(true))), { ok: true })
})

test('recursive require of itself is refused', () => {
  const error = caught({ one: () => { require('./index.js') } })
  assert.equal(error.message, 'LavaMoat - recursive require detected: "./index.js"')
})

test('missing module: Cannot find module ... from ..., code MODULE_NOT_FOUND, exit 1', () => {
  const dir = scaffold({ entry: catchingEntry, one: () => { require('nope') } })
  const error = resultOf(runProject(dir))
  assert.equal(error.message, `Cannot find module 'nope' from '${path.join(dir, 'node_modules/one')}'`)
  assert.equal(error.code, 'MODULE_NOT_FOUND')
  assert.equal(runProject(scaffold({ one: () => { require('nope') } })).status, 1)
})

test('missing entry file: one line naming the absolute path', () => {
  const dir = scaffold({})
  for (const entry of ['missing.js', 'missing/index.js', 'index.js/missing.js']) {
    const run = runProject(dir, { entry })
    assert.equal(run.status, 1)
    assert.equal(run.stderr, `lavamoat: LavaMoat could not find the entry "${path.join(dir, entry)}": no such file\n`)
  }
})

const COMMONJS_PACKAGE = JSON.stringify({ name: 'one', version: '1.0.0', type: 'commonjs' })

test('ESM syntax: "Error evaluating module" then the SyntaxError, once, from the requiring module, exit 1', () => {
  const dir = writeProject({
    // Module syntax in a package that says it is CommonJS (without a `type`, Node detects it).
    files: { 'index.js': "require('one')\n", 'node_modules/one/index.js': 'export default 1\n', 'node_modules/one/package.json': COMMONJS_PACKAGE },
    packages: { 'node_modules/one': [] },
  })
  const run = runProject(dir)
  assert.equal(run.status, 1)
  const [header, error] = run.stderr.split('\n')
  assert.equal(header, `LavaMoat - Error evaluating module "${path.join(dir, 'node_modules/one/index.js')}" from package "one" `)
  assert.equal(error, "SyntaxError: Unexpected token 'export'")
  assert.equal(occurrences(run.stderr, 'Unexpected token'), 1, run.stderr)
  assertOnlyUserFrames(run.stderr)
  assert.match(stackFrames(run.stderr)[0], new RegExp(`${path.join(dir, 'index.js')}:1:`))
})

test('a syntax error the app catches is not reported', () => {
  const dir = writeProject({
    files: {
      'index.js': "try { require('one') } catch (err) { console.log(JSON.stringify(err.name)) }\n",
      'node_modules/one/index.js': 'export default 1\n',
      'node_modules/one/package.json': COMMONJS_PACKAGE,
    },
    packages: { 'node_modules/one': [] },
  })
  const run = runProject(dir)
  assert.equal(resultOf(run), 'SyntaxError')
  assert.equal(run.stderr, '')
})

test('a package.json that does not parse is located at a 1-based line and column', () => {
  const dir = writeProject({ files: { 'package.json': '{"name": "app",\n', 'index.js': '' } })
  const run = runProject(dir)
  assert.equal(run.status, 1)
  assert.equal(run.stderr, `lavamoat: LavaMoat could not parse "${path.join(dir, 'package.json')}" at line 2 column 1: EOF while parsing a value\n`)
})

test('invalid JSON module: While parsing <file>', () => {
  const dir = writeProject({
    files: { 'index.js': "require('one')\n", 'node_modules/one/index.js': "require('./data.json')\n", 'node_modules/one/data.json': '{ nope' },
    packages: { 'node_modules/one': [] },
  })
  const run = runProject(dir)
  assert.equal(run.status, 1)
  assert.ok(run.stderr.includes(`While parsing ${path.join(dir, 'node_modules/one/data.json')}: `))
})

test('unrecognised env value is refused when the package loads', () => {
  // The policy loader may reject it first; either way the run fails naming "env".
  const run = runProject(scaffold({ policy: { resources: { two: { env: 'frozen' } } } }))
  assert.equal(run.status, 1)
  assert.match(run.stderr, /env/)
})

test('writing a read-only global warns and is ignored', () => {
  const run = runProject(scaffold({
    one: () => {
      globalThis.console = 'replaced'
      module.exports = typeof console
    },
    policy: { resources: { one: { globals: { console: true } } } },
  }))
  assert.deepEqual(resultOf(run), 'object')
  assert.match(run.stderr, /lavamoat: ignoring write attempt to read-access global "console"/)
})

test('scuttle exceptions must be an array', () => {
  const run = runProject(scaffold({}), { args: ['--scuttleGlobalThis', '{"enabled":true,"exceptions":"process"}'] })
  assert.equal(run.status, 1)
  assert.match(run.stderr, /LavaMoat - exceptions must be an array, got string/)
})

test('a ban that cannot be enforced refuses the package instead of granting it', () => {
  // Math.PI is non-configurable on a frozen object: it cannot be hidden, so nothing is granted.
  const run = runProject(scaffold({ policy: { resources: { one: { globals: { Math: true, 'Math.PI': false } } } } }))
  assert.equal(run.status, 1)
  assert.match(run.stderr, /Lavamoat - failed to prepare endowments for package "one":\nError: LavaMoat - cannot remove "Math\.PI" from "Math": the property is not configurable/)
})

/** resultOf a scaffold run; the project is removed afterwards. */
function resultInTempProject(spec) {
  const dir = scaffold(spec)
  try {
    return resultOf(runProject(dir))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

// `with` statements are rewritten into strict code (runtime-with.test.js), except the few that
// cannot be: the sloppy-only initializer of a `for-in` head among them.
test('a `with` statement that cannot be rewritten, from Function, eval or a module file, names the package and the way out', () => {
  const unrewritable = 'with ({ x: 1 }) for (var a = 1 in {});'
  for (const [label, source] of [
    ['Function', `module.exports = new Function('obj', '${unrewritable}')`],
    ['eval', `module.exports = eval('${unrewritable}')`],
    ['module', unrewritable],
  ]) {
    const { message, name, cause } = resultInTempProject({
      entry: () => {
        try {
          require('one')
        } catch (err) {
          console.log(JSON.stringify({ message: err.message, name: err.name, cause: err.cause && err.cause.message }))
        }
      },
      files: { 'node_modules/one/index.js': `${source}\n` },
    })
    assert.equal(name, 'SyntaxError', label)
    assert.match(message, /^LavaMoat - package "one": (code it passed to (Function|eval)|its module \/\S+\/node_modules\/one\/index\.js) has a `with` statement that LavaMoat could not rewrite/, label)
    assert.match(message, /ejs: the `strict: true` option, or `_with: false`/, label)
    assert.equal(cause, 'Strict mode code may not include a with statement', label)
  }
})

test('other syntax errors from Function pass through unchanged', () => {
  const { message } = resultInTempProject({
    one: () => {
      try {
        Function('return )')
      } catch (err) {
        module.exports = { message: err.message }
      }
    },
  })
  assert.equal(message, "Unexpected token ')'")
})

test('an error that ends the process in a callback or a rejection prints its message and stack, as under node', () => {
  const cases = {
    'timer.js': "setTimeout(() => { throw new TypeError('boom in a timer') }, 1)\n",
    'fs.js': "setTimeout(() => require('fs').readFileSync('/nonexistent/lavamoat-test'), 1)\n",
    'rejection.js': "Promise.reject(new RangeError('rejected'))\n",
    'string.js': "setTimeout(() => { throw 'a plain string' }, 1)\n",
  }
  const dir = writeProject({ files: cases, policy: { resources: {} } })
  for (const [entry, expected] of [
    ['timer.js', /^TypeError: boom in a timer\n {4}at .*timer\.js:1:26\)?$/m],
    ['fs.js', /^Error: ENOENT: no such file or directory, open '\/nonexistent\/lavamoat-test'\n {4}at /m],
    ['rejection.js', /^RangeError: rejected\n {4}at .*rejection\.js:1:16\)?$/m],
    ['string.js', /^a plain string$/m],
  ]) {
    const plain = spawnSync(process.execPath, [entry], { cwd: dir, encoding: 'utf8' })
    assert.equal(plain.status, 1)
    assert.match(plain.stderr, expected, 'plain node prints it so')
    const run = runProject(dir, { entry })
    assert.equal(run.status, 1, run.stderr)
    assert.match(run.stderr, expected)
    assert.match(run.stderr, /\n\nNode\.js v\d+/)
  }
})

test("the app's own uncaughtException listener handles such errors, as under node", () => {
  const dir = writeProject({
    files: {
      'index.js': [
        "process.on('uncaughtException', (err) => console.log('handled', err.message))",
        "setTimeout(() => { throw new Error('mine') }, 1)",
        "setTimeout(() => console.log('still running'), 30)",
      ].join('\n'),
    },
    policy: { resources: {} },
  })
  const run = runProject(dir)
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, 'handled mine\nstill running\n')
})

test('stack frames read as under node: names of anonymous functions, columns on line 1, file: URLs of ES modules', () => {
  const dir = writeProject({
    files: {
      'index.js': [
        "const f = () => { try { null.x } catch (e) { return e.stack.split('\\n')[1] } }; console.log(f())",
        "function named() { throw new Error('x') }",
        'const obj = { method() { try { named() } catch (e) { return e.stack.split("\\n").slice(1, 3).join("\\n") } } }',
        'setTimeout(function () { console.log(obj.method()); [1].forEach(() => { try { null.x } catch (e) { console.log(e.stack.split("\\n")[1]) } }); import("./module.mjs") }, 1)',
        'try { null.y } catch (e) { console.log(e.stack.split("\\n")[1]) }',
      ].join('\n'),
      'module.mjs': "const g = () => { throw new Error('m') }\ntry { g() } catch (e) { console.log(e.stack.split('\\n').slice(1, 3).join('\\n')) }\nexport const x = 1\n",
    },
    policy: { resources: {} },
  })
  const plain = spawnSync(process.execPath, ['index.js'], { cwd: dir, encoding: 'utf8' })
  assert.equal(plain.status, 0, plain.stderr)
  assert.match(plain.stdout, /at Object\.<anonymous> \(/)
  const run = runProject(dir)
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, plain.stdout)
})

test('a write a frozen intrinsic refuses names the package and says that intrinsics are frozen', () => {
  const dir = scaffold({
    one: () => {
      // deep-equal 1.0's keys.js: exports Object.keys itself, then adds to it.
      const keys = Object.keys
      keys.shim = function shim() {}
    },
  })
  const run = runProject(dir)
  assert.equal(run.status, 1)
  assert.equal(run.stderr.split('\n')[0], 'TypeError: Cannot add property shim, object is not extensible')
  assert.match(run.stderr, /^LavaMoat: package "one" wrote to a frozen object\. Under LavaMoat the JavaScript intrinsics .* are frozen/m)
  assert.equal(occurrences(run.stderr, 'wrote to a frozen object'), 1)
})
