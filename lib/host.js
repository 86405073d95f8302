'use strict'
// Host capabilities the kernel itself needs, captured when the kernel is loaded. Security /
// robustness: `--scuttleGlobalThis` later replaces host globals (`console`, `process`, `Date`,
// ...) with throwing stand-ins; the kernel must keep resolving, loading and reporting through
// the originals, so nothing in lib/ may read these off the global object at call time.

const hostGlobal = globalThis
const hostConsole = globalThis.console
const hostProcess = globalThis.process
const now = globalThis.Date.now

const warn = (...args) => Reflect.apply(hostConsole.warn, hostConsole, args)

module.exports = { hostGlobal, hostConsole, hostProcess, now, warn }
