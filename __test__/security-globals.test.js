'use strict'
// Globals: reading what was not granted, and changing what the app and other packages see.

const { HARMLESS, proveBlocked, attack } = require('./helpers/security-attack')

proveBlocked('listing process.env with only NODE_ENV granted', attack(() => Object.keys(process.env).length > 1))
proveBlocked('serialising process.env with only NODE_ENV granted', attack(() => JSON.stringify(process.env).includes('PATH')))
proveBlocked('writing a global through the `global` alias', attack(() => {
  global.isAdmin = true
  return true
}), { rootAfter: 'if (globalThis.isAdmin !== true) result.escaped = false' })
proveBlocked('replacing setTimeout for the app', attack(() => {
  globalThis.setTimeout = () => 'owned'
  return true
}), {
  resource: { globals: { ...HARMLESS.globals, setTimeout: true } },
  rootAfter: "if (setTimeout(() => {}, 0) !== 'owned') result.escaped = false",
})
proveBlocked('Error.prepareStackTrace set for everybody', attack(() => {
  Error.prepareStackTrace = () => 'owned'
  return true
}), { rootAfter: "if (new Error('x').stack !== 'owned') result.escaped = false" })
proveBlocked('Error.captureStackTrace call sites give the real global', attack(() => {
  Error.prepareStackTrace = (_error, sites) => sites
  const holder = {}
  const sites = (function sloppy() { Error.captureStackTrace(holder); return holder.stack })()
  return Array.isArray(sites) && sites.some((site) => { const self = site.getThis(); return self && self.process && self.process.pid })
}))
proveBlocked('polluting Array.prototype.map', attack(() => {
  Array.prototype.map = function () { return ['owned'] }
  return true
}), { rootAfter: "if ([1].map((x) => x)[0] !== 'owned') result.escaped = false" })
proveBlocked('replacing Function.prototype.toString', attack(() => {
  Function.prototype.toString = () => 'owned'
  return true
}), { rootAfter: "if (String(function f() {}) !== 'owned') result.escaped = false" })
