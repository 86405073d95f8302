'use strict'
// `with` statements, a SyntaxError in the strict code SES runs, are rewritten into strict code of
// the same meaning (src/transform/sloppy_with.rs): what a package compiles with them prints under lavamoat
// what it prints under plain node, which runs it sloppy.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const vm = require('node:vm')
const { spawnSync } = require('node:child_process')
const { writeProject, runProject, resultOf } = require('./helpers/runtime-project')
const { makeTempDir } = require('./support/temp-dir')
const { compatDir } = require('./compat/runner')

// Function bodies, each returning JSON. Functions meant to see `this` are strict in both runs
// (a sloppy function sees the global object for `undefined`, whatever `with` does).
const BODIES = {
  readsAndWrites: `
    var log = [], x = 'outer x', n = 0, seen
    var o = { x: 'o.x', list: [] }
    with (o) {
      log.push(x, typeof x, typeof undeclared, n)
      x = 'set on o'; n += 2; n++
      list.push('pushed through o')
      var declared = 'var in with', x2 = x
      ;({ seen } = { seen: 'destructured' })
    }
    log.push(x, o.x, n, o.list, declared, x2, 'declared' in o, seen)
    return log`,
  varsLandOnTheObjectWhenItHasThem: `
    var o = { a: 'o.a', k: 'o.k', i: 'o.i' }
    with (o) {
      var a = 'assigned', b = 'outer b'
      for (var k in { key: 1 });
      for (var i = 0; i < 3; i++);
    }
    return [o, a === undefined, b, k === undefined, i === undefined]`,
  calls: `
    var o = { name: 'o', method() { 'use strict'; return this === o }, value: 5 }
    function outer() { 'use strict'; return this === undefined }
    with (o) return [method(), outer(), typeof method, (function () { try { value() } catch (e) { return e.name } })()]`,
  unscopables: `
    var a = 'outer a', b = 'outer b', keys = 'outer keys'
    var o = { a: 'o.a', b: 'o.b', [Symbol.unscopables]: { b: true } }
    var r = []
    with (o) r.push(a, b)
    with ([10, 20]) r.push(keys, length, typeof includes)
    return r`,
  closuresAndNestedWith: `
    var fns = [], v = 'outer v', y = 'outer y'
    var o = { v: 1 }
    with (o) {
      fns.push(function () { return v })
      fns.push(() => { v = v + 10; return v })
      with ({ y: 'inner y' }) fns.push(() => [v, y])
    }
    o.v = 5
    return [fns[0](), fns[1](), o.v, fns[2](), v, y]`,
  lookupsAsV8DoesThem: `
    var log = []
    var traps = {
      has(t, k) { log.push('has ' + String(k)); return k in t },
      get(t, k) { log.push('get ' + String(k)); return t[k] },
      set(t, k, v) { log.push('set ' + String(k)); t[k] = v; return true },
    }
    with (new Proxy({ x: 1, f() { return 1 } }, traps)) { x; x = 2; typeof x; f(); typeof y }
    return log`,
  objectsAndPrimitives: `
    var r = []
    try { with (null) r.push('not thrown') } catch (e) { r.push(e.name, e.message) }
    try { with (undefined); } catch (e) { r.push(e.name) }
    with ('abc') r.push(length, charAt(1))
    var evaluated = 0
    with ((evaluated++, { z: 1 })) r.push(z, z)
    r.push(evaluated)
    return r`,
}

/** What plain node gives for each body, run sloppy in a fresh context. */
function plainNodeResults() {
  return Object.fromEntries(Object.entries(BODIES).map(([name, body]) => [name, vm.runInNewContext(`JSON.stringify((function () {${body}\n})())`)]))
}

test('Function bodies with `with` statements behave as in plain node', () => {
  const expected = plainNodeResults()
  const dir = writeProject({
    files: {
      'index.js': "console.log(JSON.stringify(require('bodies')))\n",
      'node_modules/bodies/index.js': `const bodies = ${JSON.stringify(BODIES)}\n` +
        'module.exports = Object.fromEntries(Object.entries(bodies).map(([name, body]) => [name, JSON.stringify(Function(body)())]))\n',
    },
    packages: { 'node_modules/bodies': [] },
    policy: { resources: { bodies: {} } },
  })
  const actual = resultOf(runProject(dir))
  for (const name of Object.keys(BODIES)) assert.equal(actual[name], expected[name], name)
})

test('a module file and eval code with a `with` statement run', () => {
  const dir = writeProject({
    files: {
      'index.js': "console.log(JSON.stringify(require('one')))\n",
      'node_modules/one/index.js': "var data = { a: 1 }\nwith (data) { a += 1 }\nmodule.exports = [data.a, eval('with ({ b: 2 }) b * 10')]\n",
    },
    packages: { 'node_modules/one': [] },
    policy: { resources: { one: {} } },
  })
  assert.deepEqual(resultOf(runProject(dir)), [2, 20])
})

// The template engines, with their default options: each compiles `with (data) {...}`.
const TEMPLATE_PACKAGES = ['lodash', 'underscore', 'ejs']
const RENDER = `
const _ = require('lodash'), underscore = require('underscore'), ejs = require('ejs')
console.log(JSON.stringify({
  lodash: _.template('hello <%= user %>!<% _.forEach(xs, function (x) { %> <%- x %><% }) %> <%= typeof nope %>')({ user: 'x', xs: ['<a>', 'b'] }),
  underscore: underscore.template('hello <%= user %>!<% _.each(xs, function (x) { %> <%- x %><% }) %><% print(" printed") %>')({ user: 'x', xs: ['<a>', 'b'] }),
  ejs: ejs.render('<%= a %> and <%- b %><% for (var i = 0; i < 2; i++) { %> <%= i %><% } %>', { a: '<i>', b: '<hr>' }),
}))
`

/** A node_modules holding the template packages: the compat corpus's, else a fresh install of its versions. */
function templatePackagesDir() {
  const corpus = path.join(compatDir, 'node_modules')
  // npm writes node_modules/.package-lock.json last: its presence means a finished install.
  if (fs.existsSync(path.join(corpus, '.package-lock.json'))) return corpus
  const { dependencies } = JSON.parse(fs.readFileSync(path.join(compatDir, 'package.json'), 'utf8'))
  const dir = makeTempDir('lavamoat-with-packages-')
  fs.writeFileSync(path.join(dir, 'package.json'), '{"private": true}')
  const specs = TEMPLATE_PACKAGES.map((name) => `${name}@${dependencies[name]}`)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const install = spawnSync(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund', ...specs], { cwd: dir, encoding: 'utf8', timeout: 300_000 })
  assert.equal(install.status, 0, install.stderr)
  return path.join(dir, 'node_modules')
}

test('lodash, underscore and ejs templates (default options) render as in plain node', { timeout: 300_000 }, () => {
  const packages = templatePackagesDir()
  const dir = writeProject({ files: { 'index.js': RENDER }, rootDependencies: TEMPLATE_PACKAGES })
  for (const name of TEMPLATE_PACKAGES) fs.cpSync(path.join(packages, name), path.join(dir, 'node_modules', name), { recursive: true })
  const plain = spawnSync(process.execPath, ['index.js'], { cwd: dir, encoding: 'utf8' })
  assert.equal(plain.status, 0, plain.stderr)
  const autopolicy = runProject(dir, { args: ['--autopolicy'] })
  assert.equal(autopolicy.status, 0, autopolicy.stderr)
  const run = runProject(dir)
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, plain.stdout)
  assert.deepEqual(JSON.parse(plain.stdout), {
    lodash: 'hello x! &lt;a&gt; b undefined',
    underscore: 'hello x! &lt;a&gt; b printed',
    ejs: '&lt;i&gt; and <hr> 0 1',
  })
})
