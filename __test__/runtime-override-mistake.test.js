'use strict'
// The override mistake: assignments that shadow a property of a frozen intrinsic prototype
// (TypeScript's ES5 `__extends`, old-style `P.prototype.constructor = P`) keep working, in the
// app and in packages.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const { spawnSync } = require('node:child_process')
const { NODE, writeProject, runProject, resultOf } = require('./helpers/runtime-project')

// What TypeScript emits for `class Sub extends Base {}` with target ES5.
const TS_EXTENDS = `
var __extends = (this && this.__extends) || (function () {
  var extendStatics = function (d, b) {
    extendStatics = Object.setPrototypeOf ||
      ({ __proto__: [] } instanceof Array && function (d, b) { d.__proto__ = b; }) ||
      function (d, b) { for (var p in b) if (Object.prototype.hasOwnProperty.call(b, p)) d[p] = b[p]; };
    return extendStatics(d, b);
  };
  return function (d, b) {
    if (typeof b !== "function" && b !== null)
      throw new TypeError("Class extends value " + String(b) + " is not a constructor or null");
    extendStatics(d, b);
    function __() { this.constructor = d; }
    d.prototype = b === null ? Object.create(b) : (__.prototype = b.prototype, new __());
  };
})();
`

const SCRIPT = `${TS_EXTENDS}
const results = {}
for (const Base of [Error, TypeError, RangeError, SyntaxError, ReferenceError, URIError, EvalError, Map, Promise]) {
  try {
    var Sub = (function (_super) {
      __extends(Sub, _super)
      function Sub(message) {
        var _this = _super.call(this, message) || this
        _this.name = 'Sub'
        return _this
      }
      return Sub
    }(Base))
    // ES5 can't subclass errors: \`_super.call\` returns a new error, not \`this\` (as in Node).
    const made = Base === Map || Base === Promise ? Object.create(Sub.prototype) : new Sub('m')
    results[Base.name] = [Sub.prototype.constructor === Sub, made instanceof Base, made.constructor === Sub]
  } catch (err) {
    results[Base.name] = err.message
  }
}
function Old() {}
Old.prototype = {}
Old.prototype.constructor = Old
Old.prototype.toString = function () { return 'old' }
results.oldStyle = [String(new Old()), new Old().constructor === Old]
try {
  RangeError.prototype.constructor = Old
  results.prototypeItself = 'assigned'
} catch (err) {
  results.prototypeItself = err.constructor.name
}
results.intact = RangeError.prototype.constructor === RangeError
`

/** What plain Node makes of SCRIPT; under lockdown the intrinsic prototype itself stays frozen. */
function expected() {
  const dir = writeProject({ files: { 'index.js': `${SCRIPT}\nconsole.log(JSON.stringify(results))\n` } })
  try {
    const run = spawnSync(NODE, ['index.js'], { cwd: dir, encoding: 'utf8' })
    const inNode = resultOf({ status: run.status, stdout: run.stdout, stderr: run.stderr })
    assert.deepEqual([inNode.RangeError, inNode.prototypeItself], [[true, true, false], 'assigned'])
    return { ...inNode, prototypeItself: 'TypeError', intact: true }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

function resultIn(spec) {
  const dir = writeProject(spec)
  try {
    return resultOf(runProject(dir))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

test('TypeScript ES5 subclasses of every error class (and Map, Promise) load in the app', () => {
  assert.deepEqual(resultIn({ files: { 'index.js': `${SCRIPT}\nconsole.log(JSON.stringify(results))\n` } }), expected())
})

test('... and in a package', () => {
  assert.deepEqual(resultIn({
    files: {
      'index.js': "console.log(JSON.stringify(require('one')))\n",
      'node_modules/one/index.js': `${SCRIPT}\nmodule.exports = results\n`,
    },
    packages: { 'node_modules/one': [] },
  }), expected())
})

test('`Date.now = Date.now || polyfill` in a package is a no-op; Date.now itself stays the host one', () => {
  const code = [
    "'use strict'",
    'const original = Date.now',
    'Date.now = Date.now || function () { return 0 }',
    'let replaced',
    'try { Date.now = function () { return 0 }; replaced = true } catch (err) { replaced = err.constructor.name }',
    'class Later extends Date {}',
    'Later.now = () => 1',
    'module.exports = { same: Date.now === original, replaced, now: typeof Date.now() === "number" && Date.now() > 0, sub: Later.now(), still: Date.now !== Later.now }',
  ].join('\n')
  assert.deepEqual(resultIn({
    files: { 'index.js': "console.log(JSON.stringify(require('one')))\n", 'node_modules/one/index.js': `${code}\n` },
    packages: { 'node_modules/one': [] },
  }), { same: true, replaced: 'TypeError', now: true, sub: 1, still: true })
})

test('methods packages assign on objects inheriting them: WeakMap get/has/set (core-js), Date.prototype.toUTCString (sinon)', () => {
  const code = [
    "'use strict'",
    'const store = new WeakMap()',
    'store.get = store.get',
    'store.has = store.has',
    'store.set = store.set',
    'const key = {}',
    'store.set(key, 1)',
    'Date.prototype.toUTCString = Date.prototype.toUTCString',
    'let replaced',
    'try { WeakMap.prototype.get = () => 0; replaced = true } catch (err) { replaced = err.constructor.name }',
    // get-intrinsic (qs's side-channel) takes an accessor's getter for the method unless the
    // getter has `originalValue`, SES's mark of an override accessor.
    "const desc = Object.getOwnPropertyDescriptor(WeakMap.prototype, 'get')",
    "const bound = 'get' in desc && !('originalValue' in desc.get) ? desc.get : WeakMap.prototype.get",
    'module.exports = { own: Object.keys(store), got: store.get(key), other: new WeakMap([[key, 2]]).get(key), utc: new Date(0).toUTCString(), replaced, intrinsic: bound.call(store, key) }',
  ].join('\n')
  assert.deepEqual(resultIn({
    files: { 'index.js': "console.log(JSON.stringify(require('one')))\n", 'node_modules/one/index.js': `${code}\n` },
    packages: { 'node_modules/one': [] },
  }), { own: ['get', 'has', 'set'], got: 1, other: 2, utc: 'Thu, 01 Jan 1970 00:00:00 GMT', replaced: 'TypeError', intrinsic: 1 })
})

test("an error class's own inspect method and a promise's own catch, by assignment (mongoose: ValidationError.prototype[util.inspect.custom], Model.init's $init.catch)", () => {
  const code = [
    "'use strict'",
    "const custom = Symbol.for('nodejs.util.inspect.custom')",
    'class ValidationError extends Error {}',
    "ValidationError.prototype[custom] = function () { return 'custom ' + this.message }",
    'const init = Promise.resolve(1)',
    'const original = init.catch',
    'let caught = false',
    'init.catch = function () { caught = true; return original.apply(init, arguments) }',
    'init.catch(() => {})',
    'const replaced = []',
    "for (const [proto, key] of [[Error.prototype, custom], [Promise.prototype, 'catch']]) {",
    '  try { proto[key] = () => 0; replaced.push(true) } catch (err) { replaced.push(err.constructor.name) }',
    '}',
    'module.exports = { ValidationError, result: { caught, other: typeof Promise.resolve().catch, own: Object.keys(init), replaced } }',
  ].join('\n')
  const entry = [
    "const { inspect } = require('util')",
    "const { ValidationError, result } = require('one')",
    "console.log(JSON.stringify({ ...result, custom: inspect(new ValidationError('bad')), plain: inspect(new Error('plain')).split('\\n')[0] }))",
  ].join('\n')
  assert.deepEqual(resultIn({
    files: { 'index.js': `${entry}\n`, 'node_modules/one/index.js': `${code}\n` },
    packages: { 'node_modules/one': [] },
  }), { caught: true, other: 'function', own: ['catch'], replaced: ['TypeError', 'TypeError'], custom: 'custom bad', plain: 'Error: plain' })
})

test("String's toString and valueOf on an object inheriting String.prototype (nunjucks's SafeString)", () => {
  const code = [
    "'use strict'",
    'function SafeString(value) { this.val = value; this.length = value.length }',
    'SafeString.prototype = Object.create(String.prototype, { length: { writable: true, configurable: true, value: 0 } })',
    'SafeString.prototype.valueOf = function valueOf() { return this.val }',
    'SafeString.prototype.toString = function toString() { return this.val }',
    "const safe = new SafeString('<b>')",
    'let replaced',
    'try { String.prototype.valueOf = () => 0; replaced = true } catch (err) { replaced = err.constructor.name }',
    "module.exports = { text: String(safe), joined: safe + '!', primitive: 'abc'.toString() + 'abc'.valueOf(), replaced }",
  ].join('\n')
  assert.deepEqual(resultIn({
    files: { 'index.js': "console.log(JSON.stringify(require('one')))\n", 'node_modules/one/index.js': `${code}\n` },
    packages: { 'node_modules/one': [] },
  }), { text: '<b>', joined: '<b>!', primitive: 'abcabc', replaced: 'TypeError' })
})

test("reflection shows an overridable intrinsic method as a data property; replacing Function.prototype.toString itself is dropped (prettier 2's core-js and mimic-fn)", () => {
  const code = [
    "'use strict'",
    // mimic-fn 3/4: the descriptor of Function.prototype.toString, copied with a new value.
    "const desc = Object.getOwnPropertyDescriptor(Function.prototype, 'toString')",
    'function wrapper() {}',
    "Object.defineProperty(wrapper, 'toString', { ...desc, value: () => 'wrapped' })",
    // core-js: replaces the intrinsic method itself; under Node that works, here it is a no-op.
    'const native = Function.prototype.toString',
    "Function.prototype.toString = function toString() { return 'polyfilled' }",
    // The override still works on inheriting objects.
    'function other() {}',
    "other.toString = () => 'own'",
    'const all = Object.getOwnPropertyDescriptors(Object.prototype).toString',
    "const viaReflect = Reflect.getOwnPropertyDescriptor(Object.prototype, 'hasOwnProperty')",
    'module.exports = {',
    "  kind: 'value' in desc && !('get' in desc), writable: desc.writable, configurable: desc.configurable,",
    "  wrapped: wrapper.toString(), unchanged: Function.prototype.toString === native && other.toString() === 'own',",
    "  printsNative: /native code/.test(native.call(Math.max)), all: 'value' in all, viaReflect: 'value' in viaReflect,",
    '}',
  ].join('\n')
  assert.deepEqual(resultIn({
    files: { 'index.js': "console.log(JSON.stringify(require('one')))\n", 'node_modules/one/index.js': `${code}\n` },
    packages: { 'node_modules/one': [] },
  }), { kind: true, writable: false, configurable: false, wrapped: 'wrapped', unchanged: true, printsNative: true, all: true, viaReflect: true })
})

test("Array.prototype.sort on an array (shelljs's ShellString puts its commands on the arrays it returns)", () => {
  const code = [
    "'use strict'",
    "const list = ['b', 'a']",
    "list.sort = function sort() { return 'command' }",
    'let replaced',
    'try { Array.prototype.sort = () => 0; replaced = true } catch (err) { replaced = err.constructor.name }',
    "module.exports = { own: list.sort(), other: ['d', 'c'].sort(), replaced }",
  ].join('\n')
  assert.deepEqual(resultIn({
    files: { 'index.js': "console.log(JSON.stringify(require('one')))\n", 'node_modules/one/index.js': `${code}\n` },
    packages: { 'node_modules/one': [] },
  }), { own: 'command', other: ['c', 'd'], replaced: 'TypeError' })
})
