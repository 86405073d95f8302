'use strict'
// The functions of `vm` that run code in a context (a realm of its own) whose global is an
// object the caller hands in, or a fresh one: `createContext`, `runInContext`,
// `runInNewContext` and a Script's `runInContext` / `runInNewContext`; and `isContext`, which
// must answer about the object as the caller holds it (the one these made a context).
//
// Such a realm is the caller's own: its intrinsics are fresh (unfrozen, like those of any
// realm Node makes, and no host capability), and the only other objects its code reaches are
// the ones the caller put on its global. So what these functions return or throw is the
// caller's already, and the membranes hand it over as it is: guarding it (host-membrane.js)
// wrapped the realm's global proxy, its `Object`, every object its code builds, which breaks
// each library that builds a window there (jsdom reads `window.Object.prototype`, and that
// `Object`, a named native constructor with an unfrozen prototype, was even redacted as a
// native handle class).
//
// Security: that holds only while code in the realm sees the objects as the caller holds
// them. The membranes hand host code the real objects behind their Proxies (a guarded
// ReadStream from `fs.createReadStream`, another package's exports view); given to these
// functions, the real object would become the realm's global, read and written by the
// realm's code with no membrane in between (`new this.constructor(path)` there is an
// unguarded stream whose `kFs` symbol holds the whole `fs`). So their arguments go in as the
// caller holds them: V8 makes a Proxy a context's global like any object, and the realm's
// code then goes through the same traps as the caller. Also when they are called with `new`
// (they are plain functions, so `new vm.runInContext(code, stream)` runs the code too).
//
// Not here: `runInThisContext`, `compileFunction`, a Script's `runInThisContext`, which run
// code in the host realm itself: a package's `vm` has its own, which run it in the package's
// compartment (vm-facade.js), whose Script's context methods are added here. Powerful as the
// host, and granted as such (`vm` is a powerful builtin, README.md), is
// `vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER`, which gives a realm's `import()` the host's
// own loader (`import('fs')`, whatever the policy): a package needs it granted to pass it.
//
// Node's own errors about the arguments (ERR_INVALID_ARG_TYPE) come out unguarded too: they
// are plain host errors, data on the frozen intrinsics every compartment shares.

const vm = require('node:vm')

const contextFunctions = new Set([
  vm.createContext, vm.runInContext, vm.runInNewContext, vm.isContext,
  vm.Script.prototype.runInContext, vm.Script.prototype.runInNewContext,
])

/** Whether `fn` (a function of `vm`) makes, runs code in or tells a caller's context. */
const isContextFunction = (fn) => contextFunctions.has(fn)

/** `fn` passes its arguments to one of Node's context functions (vm-facade.js). */
const markContextFunction = (fn) => {
  contextFunctions.add(fn)
}

module.exports = { isContextFunction, markContextFunction }
