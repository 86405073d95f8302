'use strict'
// Escapes through the language's reflective corners: dynamic import, the caller chain, getters
// the app runs for the attacker, V8 call sites, the other function constructors, and shared
// objects (another package's exports, a builtin module) the attacker tries to change for
// everybody. Same harness as security-escapes.test.js: each attack works under plain node and
// fails under lavamoat while the app still runs.

const { HARMLESS, proveBlocked, attack, asyncAttack } = require('./helpers/security-attack')

// --- dynamic import ---------------------------------------------------------------------
// SES refuses any source text containing `import(`; lib/modules/module-source.js rewrites it to
// `__import__(`, an unbound name, so the call throws a ReferenceError inside the package.
proveBlocked('import("fs") from a package granted nothing powerful', asyncAttack(async () => typeof (await import('fs')).writeFileSync === 'function'))
proveBlocked('import("node:child_process")', asyncAttack(async () => typeof (await import('node:child_process')).execSync === 'function'))
proveBlocked('import() with a comment between the keyword and the parenthesis', asyncAttack(async () => typeof (await import /* x */ ('child_process')).execSync === 'function'))
proveBlocked('import() of another package\'s file by path', asyncAttack(async () => (await import('../victim/secret.js')).default))
proveBlocked('import() assembled at run time inside Function()', asyncAttack(async () => typeof (await Function(`return imp${'ort'}("child_process")`)()).execSync === 'function'))
proveBlocked('import() assembled at run time inside indirect eval', asyncAttack(async () => typeof (await (0, eval)(`imp${'ort'}("child_process")`)).execSync === 'function'))
// The root defining a global of that name must not give the rewritten call a meaning.
proveBlocked('import() when the root defines a global __import__', asyncAttack(async () => typeof (await import('child_process')).execSync === 'function'), {
  rootAfter: 'globalThis.__import__ = (id) => require(id)',
})

// --- the caller chain -------------------------------------------------------------------
// The root calls a function of `evil`; the attacker walks `caller` up to the root's module
// function and takes `require` from its arguments. (Only sloppy `function` functions have
// `caller`, hence no method shorthand below.)
const walkCallersToRequire = (start) => `
  let fn = ${start}
  while (fn) {
    const req = Array.from(fn.arguments || []).find((arg) => typeof arg === 'function' && arg.name === 'require')
    if (req) return typeof req('child_process').execSync === 'function'
    fn = fn.caller
  }
  return false
`
proveBlocked('arguments.callee.caller up to the root\'s require', new Function(`
  module.exports = {
    escaped: false,
    reach: function () { try { ${walkCallersToRequire('arguments.callee.caller')} } catch { return false } },
  }
`), { rootAfter: 'result.escaped = result.reach()' })
proveBlocked('a named function\'s .caller up to the root\'s require', new Function(`
  function reach() { try { ${walkCallersToRequire('reach.caller')} } catch { return false } }
  module.exports = { escaped: false, reach }
`), { rootAfter: 'result.escaped = result.reach()' })

// --- getters the app runs for the attacker -----------------------------------------------
// The root hands `evil.configure` an options object; evil puts a getter on it that runs
// `probe` (setting `escaped`) when the root reads `options.level`.
const getterOnRootOptions = (probe) => new Function(`
  let escaped = false
  module.exports = {
    get escaped() { return escaped },
    configure(options) {
      try {
        Object.defineProperty(options, 'level', {
          get: function () {
            try { ${probe} } catch {}
            return 'info'
          },
        })
      } catch {}
    },
  }
`)
const ROOT_READS_LEVEL = { rootAfter: 'const options = {}; result.configure(options); if (options.level !== "info") throw new Error("no level")' }
proveBlocked('a getter on an object the root passes in reads its caller', getterOnRootOptions(
  `escaped = (function (caller) { ${walkCallersToRequire('caller')} })(arguments.callee.caller)`,
), ROOT_READS_LEVEL)
proveBlocked('a getter on Object.prototype reads `this` when the root checks module.hot', new Function(`
  let captured
  try { Object.defineProperty(Object.prototype, 'hot', { configurable: true, get() { captured = this; return undefined } }) } catch {}
  module.exports = {
    escaped: false,
    check() { try { return typeof captured.require('child_process').execSync === 'function' } catch { return false } },
  }
`), { rootAfter: 'if (module.hot) throw new Error("not webpack"); result.escaped = result.check()' })
proveBlocked('a getter on an object the root passes in reads the root\'s frames from a stack trace', getterOnRootOptions(`
  Error.prepareStackTrace = (_error, sites) => sites
  const sites = new Error().stack
  Error.prepareStackTrace = undefined
  escaped = sites.some((site) => { const self = site.getThis(); return self && self.constructor && self.constructor.name === 'Module' || typeof site.getFunction() === 'function' })
`), ROOT_READS_LEVEL)

// --- V8 call sites ----------------------------------------------------------------------
// The root calls `evil`, which asks V8 for structured call sites and looks for the root's
// module function (getFunction) or anything whose `this` leads to the root's require.
const callSitesReachRoot = (capture) => new Function(`
  module.exports = {
    escaped: false,
    reach() {
      try {
        Error.prepareStackTrace = (_error, sites) => sites
        const sites = (${capture})()
        Error.prepareStackTrace = undefined
        for (const site of sites) {
          try {
            const fn = site.getFunction()
            const req = fn && Array.from(fn.arguments || []).find((arg) => typeof arg === 'function' && arg.name === 'require')
            if (req && typeof req('child_process').execSync === 'function') return true
          } catch {}
          try {
            const self = site.getThis()
            if (self && typeof self.require === 'function' && typeof self.require('child_process').execSync === 'function') return true
          } catch {}
        }
      } catch {}
      return false
    },
  }
`)
const FROM_NEW_ERROR = '() => new Error().stack'
const FROM_CAPTURE = '() => { const holder = {}; Error.captureStackTrace(holder); return holder.stack }'
const ROOT_CALLS = 'result.escaped = result.reach.call(module)'
proveBlocked('new Error() call sites: getFunction() of the root\'s module function', callSitesReachRoot(FROM_NEW_ERROR), { rootAfter: ROOT_CALLS })
proveBlocked('Error.captureStackTrace call sites: getFunction()/getThis() of the root', callSitesReachRoot(FROM_CAPTURE), { rootAfter: ROOT_CALLS })
// depd's grant (globals.process, path.relative) turns on structured call sites in the package.
proveBlocked('call sites with the grant depd needs still hide the root\'s function and this', callSitesReachRoot(FROM_CAPTURE), {
  resource: { globals: { process: true }, builtin: { 'path.relative': true } },
  rootAfter: ROOT_CALLS,
})
proveBlocked('a call site object\'s constructor reaches the real Function', attack(() => {
  Error.prepareStackTrace = (_error, sites) => sites
  const holder = {}
  Error.captureStackTrace(holder)
  Error.prepareStackTrace = undefined
  const site = holder.stack[0]
  return site.constructor.constructor('return this')().process.pid || holder.stack.constructor.constructor('return this')().process.pid
}), { resource: { globals: { process: true }, builtin: { 'path.relative': true } } })

// --- other function constructors --------------------------------------------------------
proveBlocked('Function.prototype.constructor reaches the real global', attack(() => Function.prototype.constructor('return this')().process.pid))
proveBlocked('Function.prototype.constructor through Reflect.construct', attack(() => Reflect.construct(Function.prototype.constructor, ['return this'])().process.pid))
proveBlocked('the AsyncFunction constructor reaches the real global', asyncAttack(async () => (await (async function () {}).constructor('return this')()).process.pid))
proveBlocked('the GeneratorFunction constructor reaches the real global', attack(() => (function* () {}).constructor('yield this')().next().value.process.pid))
proveBlocked('the AsyncGeneratorFunction constructor reaches the real global', asyncAttack(async () => (await (async function* () {}).constructor('yield this')().next()).value.process.pid))
proveBlocked('a sloppy generator\'s this is the real global', attack(() => (function* () { yield this })().next().value.process.pid))
proveBlocked('a bound Function constructor reaches the real global', attack(() => Function.prototype.bind.call(Function, null, 'return this')()().process.pid))

// --- shared objects changed for everybody -----------------------------------------------
// `evil` gets the exports of `victim` and changes them; `consumer` (another package) and the
// root use `victim` afterwards and must still see the original.
const VICTIM = {
  files: {
    // `config` holds behaviour: objects of pure data are shared as they are (exports-views.js).
    'node_modules/victim/index.js': "module.exports = { greet: () => 'hello', config: { isAdmin: () => false } }\n",
    'node_modules/consumer/index.js': "module.exports = () => require('victim').greet() + '/' + require('victim').config.isAdmin()\n",
    'node_modules/middle/index.js': "module.exports = () => require('evil').tamper(require('victim'))\n",
  },
  packages: { 'node_modules/consumer': ['victim'], 'node_modules/middle': ['evil', 'victim'] },
  resources: { consumer: { packages: { victim: true } }, middle: { packages: { evil: true, victim: true } } },
}
const tamperWith = (change) => new Function(`
  module.exports = { escaped: false, tamper: (victim) => { try { ${change} } catch {} } }
`)
const REPLACE_METHOD = "victim.greet = () => 'owned'"
const CHANGE_NESTED = 'victim.config.isAdmin = () => true'
const SWAP_PROTOTYPE = "delete victim.greet; Object.setPrototypeOf(victim, { greet: () => 'owned' })"
const seenAfter = (handOver) => `${handOver}
const seen = require('consumer')() + '|' + require('victim').greet() + '/' + require('victim').config.isAdmin()
result.escaped = /owned|true/.test(seen)`
// Handed over by another package: `evil` gets its own view of `victim` (lib/membranes/exports-views.js).
const BY_PACKAGE = seenAfter("require('middle')()")
proveBlocked('replacing a method on exports another package hands over', tamperWith(REPLACE_METHOD), { ...VICTIM, rootAfter: BY_PACKAGE })
proveBlocked('changing a nested object of exports another package hands over', tamperWith(CHANGE_NESTED), { ...VICTIM, rootAfter: BY_PACKAGE })
proveBlocked('swapping the prototype of exports another package hands over', tamperWith(SWAP_PROTOTYPE), { ...VICTIM, rootAfter: BY_PACKAGE })
// A stream another package exports: its class's prototype is a sealed builtin one
// (lib/membranes/builtin-prototypes.js), which must not make it pass unwrapped as an object with
// internal slots.
proveBlocked('replacing a method on a stream another package exports', tamperWith("victim.write = () => 'owned'"), {
  files: {
    'node_modules/victim/index.js': "module.exports = new (require('stream').PassThrough)()\n",
    'node_modules/consumer/index.js': "module.exports = () => String(require('victim').write('x'))\n",
    'node_modules/middle/index.js': "module.exports = () => require('evil').tamper(require('victim'))\n",
  },
  packages: { 'node_modules/consumer': ['victim'], 'node_modules/middle': ['evil', 'victim'] },
  resources: { victim: { builtin: { 'stream.PassThrough': true } }, consumer: { packages: { victim: true } }, middle: { packages: { evil: true, victim: true } } },
  rootAfter: "require('middle')(); result.escaped = require('consumer')() === 'owned'",
})
// Handed over by the root: the root holds the real objects (so that the app's own
// configuration of a package, `lib.option = x`, reaches the package), and passes them on.
const ROOT_HANDS_OVER = {
  todo: 'ESCAPE: the root holds the real exports of packages and hands them to evil as they are; evil\'s changes reach every consumer',
}
const BY_ROOT = seenAfter("result.tamper(require('victim'))")
proveBlocked('replacing a method on exports the root hands over', tamperWith(REPLACE_METHOD), { ...VICTIM, ...ROOT_HANDS_OVER, rootAfter: BY_ROOT })
proveBlocked('changing a nested object of exports the root hands over', tamperWith(CHANGE_NESTED), { ...VICTIM, ...ROOT_HANDS_OVER, rootAfter: BY_ROOT })
proveBlocked('swapping the prototype of exports the root hands over', tamperWith(SWAP_PROTOTYPE), { ...VICTIM, ...ROOT_HANDS_OVER, rootAfter: BY_ROOT })

// A shared builtin module (granted whole) changed for the app and every other package.
proveBlocked('Object.defineProperty on the shared path module', attack(() => {
  Object.defineProperty(require('path'), 'join', { value: () => '/owned' })
  return true
}), { resource: { builtin: { path: true } }, rootAfter: "if (require('path').join('a') !== '/owned') result.escaped = false" })
proveBlocked('replacing path.posix.join (a nested object of the builtin)', attack(() => {
  require('path').posix.join = () => '/owned'
  return true
}), { resource: { builtin: { path: true } }, rootAfter: "if (require('path').posix.join('a') !== '/owned') result.escaped = false" })
proveBlocked('replacing EventEmitter.prototype.emit for every emitter', attack(() => {
  require('events').prototype.emit = function () { return 'owned' }
  return true
}), {
  resource: { builtin: { events: true } },
  rootAfter: "if (new (require('events'))().emit('x') !== 'owned') result.escaped = false",
})
proveBlocked('replacing emit up the prototype chain of a stream the root hands over', new Function(`
  module.exports = {
    escaped: false,
    tamper(stream) {
      try {
        let proto = Object.getPrototypeOf(stream)
        while (proto && !Object.prototype.hasOwnProperty.call(proto, 'emit')) proto = Object.getPrototypeOf(proto)
        proto.emit = function () { return 'owned' }
        return true
      } catch { return false }
    },
  }
`), { rootAfter: "result.escaped = result.tamper(new (require('stream').Readable)()) && new (require('events'))().emit('x') === 'owned'" })
proveBlocked('replacing a method of http.ServerResponse.prototype', attack(() => {
  require('http').ServerResponse.prototype.end = function () { return 'owned' }
  return true
}), {
  resource: { builtin: { http: true } },
  rootAfter: "if (!String(require('http').ServerResponse.prototype.end).includes('owned')) result.escaped = false",
})
proveBlocked('replacing Buffer.prototype.toString through a Buffer grant', attack(() => {
  Buffer.prototype.toString = () => 'owned'
  return true
}), { resource: { ...HARMLESS, globals: { ...HARMLESS.globals, Buffer: true } }, rootAfter: "if (Buffer.from('a').toString() !== 'owned') result.escaped = false" })
