'use strict'
// Members of builtins that reach past any policy (src/policy/process_routes.rs
// EXPLICIT_BUILTIN_MEMBERS, lib/membranes/explicit-members.js): `v8.setFlagsFromString`
// (`--allow-natives-syntax`, whose natives reach the real global object) and `module.register`
// / `module.registerHooks` (hooks that run unconfined in Node's own loader and can answer any
// module's source). A grant of the module, or of a parent, does not give them; only a grant
// naming the member does. The attacks run with the whole module granted; the controls show the
// rest of the module still works, and the member does where the policy names it.

const test = require('node:test')
const assert = require('node:assert/strict')
const { proveBlocked, attack } = require('./helpers/security-attack')
const { scaffold, runProject, resultOf } = require('./helpers/runtime-project')

const hasMember = (id, name) => ({ skip: typeof require(id)[name] !== 'function' && `${id}.${name} is not in Node ${process.version}` })

// `escaped` when natives syntax compiles after the flag is set: a natives call answering.
const setsNativesSyntax = (get) => attack(`() => {
  const setFlagsFromString = ${get}
  setFlagsFromString('--allow-natives-syntax')
  return typeof new Function('return %GetOptimizationStatus(function () {})')() === 'number'
}`)

proveBlocked('v8.setFlagsFromString with "v8": true', setsNativesSyntax("require('v8').setFlagsFromString"), { resource: { builtin: { v8: true } } })
proveBlocked('node:v8 setFlagsFromString with "node:v8": true', setsNativesSyntax("require('node:v8').setFlagsFromString"), { resource: { builtin: { 'node:v8': true } } })
proveBlocked('v8.setFlagsFromString through process.getBuiltinModule with "v8": true and process granted',
  setsNativesSyntax("process.getBuiltinModule('v8').setFlagsFromString"),
  { resource: { builtin: { v8: true }, globals: { process: true } }, skip: typeof process.getBuiltinModule !== 'function' && 'no process.getBuiltinModule' })
// The named import of an ES module of the package.
proveBlocked('import { setFlagsFromString } from "node:v8" with "node:v8": true', new Function("module.exports = { escaped: require('./attack.mjs').escaped }"), {
  resource: { builtin: { 'node:v8': true } },
  files: {
    'node_modules/evil/attack.mjs': [
      "import { setFlagsFromString } from 'node:v8'",
      'let escaped = false',
      "try { setFlagsFromString('--allow-natives-syntax'); escaped = typeof new Function('return %GetOptimizationStatus(function () {})')() === 'number' } catch {}",
      'export { escaped }',
      '',
    ].join('\n'),
  },
})

// A data: hooks module: Node loads it in its own loader, where it runs unconfined. `escaped`
// when the registration is accepted.
const HOOKS = 'data:text/javascript,export async function resolve(specifier, context, next) { return next(specifier, context) }'
const registers = (get) => attack(`() => {
  const register = ${get}
  register(${JSON.stringify(HOOKS)})
  return true
}`)
const MODULE = { resource: { builtin: { module: true } } }

proveBlocked('module.register of a data: URL with "module": true', registers("require('module').register"), { ...MODULE, ...hasMember('node:module', 'register') })
proveBlocked('node:module register with "node:module": true', registers("require('node:module').register"), { resource: { builtin: { 'node:module': true } }, ...hasMember('node:module', 'register') })
// The real Module is reachable other ways than the module's own view: its prototype is handed
// out real, and `Module.Module` is itself.
proveBlocked('module.register through Module.prototype.constructor', registers("require('module').prototype.constructor.register"), { ...MODULE, ...hasMember('node:module', 'register') })
proveBlocked('module.register with a grant of the parent "module.Module"', registers("require('module').Module.register"), { resource: { builtin: { 'module.Module': true } }, ...hasMember('node:module', 'register') })
proveBlocked('module.registerHooks with "module": true', attack(() => {
  require('module').registerHooks({ resolve: (specifier, context, next) => next(specifier, context) })
  return true
}), { ...MODULE, ...hasMember('node:module', 'registerHooks') })

test('under "v8": true the rest of v8 works, and setFlagsFromString refuses naming its grant', () => {
  const result = resultFor({
    one: () => {
      const v8 = require('v8')
      let refusal
      try {
        v8.setFlagsFromString('--allow-natives-syntax')
      } catch (err) {
        refusal = { code: err.code, message: err.message }
      }
      module.exports = { heap: typeof v8.getHeapStatistics().total_heap_size, serialize: v8.deserialize(v8.serialize({ a: 1 })).a, refusal }
    },
    policy: withPolicy({ builtin: { v8: true } }),
  })
  assert.equal(result.heap, 'number')
  assert.equal(result.serialize, 1)
  assert.equal(result.refusal.code, 'LAVAMOAT_EXPLICIT_MEMBER_NOT_GRANTED')
  assert.match(result.refusal.message, /"v8\.setFlagsFromString"/)
  assert.match(result.refusal.message, /"builtin": \{"v8\.setFlagsFromString": true\}/)
})

test('under "module": true builtinModules, isBuiltin and createRequire work, and register refuses naming its grant', () => {
  const result = resultFor({
    one: () => {
      const mod = require('module')
      let refusal
      try {
        mod.register('data:text/javascript,')
      } catch (err) {
        refusal = { code: err.code, message: err.message }
      }
      module.exports = {
        builtins: mod.builtinModules.includes('fs'),
        isBuiltin: mod.isBuiltin('node:fs'),
        createRequire: typeof mod.createRequire(__filename),
        refusal,
      }
    },
    policy: withPolicy({ builtin: { module: true }, globals: { __filename: true } }),
  })
  assert.equal(result.builtins, true)
  assert.equal(result.isBuiltin, true)
  assert.equal(result.createRequire, 'function')
  assert.equal(result.refusal.code, 'LAVAMOAT_EXPLICIT_MEMBER_NOT_GRANTED')
  assert.match(result.refusal.message, /"module\.register"/)
})

test('a policy naming the member gives the real one, also next to a whole-module grant', () => {
  const result = resultFor({
    one: () => {
      require('v8').setFlagsFromString('--allow-natives-syntax')
      require('module').register('data:text/javascript,')
      module.exports = { natives: typeof new Function('return %GetOptimizationStatus(function () {})')() }
    },
    policy: withPolicy({ builtin: { v8: true, 'v8.setFlagsFromString': true, 'module.register': true } }),
  })
  assert.deepEqual(result, { natives: 'number' })
})

test('the app keeps the real members', () => {
  const result = resultFor({
    entry: () => {
      require('v8').setFlagsFromString('--allow-natives-syntax')
      const natives = typeof new Function('return %GetOptimizationStatus(function () {})')()
      require('module').register('data:text/javascript,')
      console.log(JSON.stringify({ natives }))
    },
  })
  assert.deepEqual(result, { natives: 'number' })
})

function resultFor(spec) {
  return resultOf(runProject(scaffold(spec)))
}

function withPolicy(resource) {
  return { resources: { one: resource } }
}
