'use strict'
// Host capabilities the kernel itself needs, captured when the kernel is loaded. Security /
// robustness: `--scuttleGlobalThis` later replaces host globals (`console`, `Date`, `Symbol`,
// ...) with throwing stand-ins; the kernel must keep loading and reporting through the
// originals, so nothing in lib/ reads a non-language global off the global object at call
// time (the shared language intrinsics — Object, Reflect, Proxy, Map, ... — stay).

const hostGlobal = globalThis
const hostProcess = globalThis.process
const hostConsole = globalThis.console
const now = globalThis.Date.now

const { paint } = require('../cli/colors')

/** One of lavamoat's own warnings, on stderr (coloured on a terminal). */
const warn = (message) => Reflect.apply(hostConsole.warn, hostConsole, [paint(message, 'warning', hostProcess.stderr)])

module.exports = { hostGlobal, hostProcess, now, warn }
