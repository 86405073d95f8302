'use strict'
// A package granted only `fs.readFileSync` tries to reach the writing half of `fs` some other way.

const { HARMLESS, proveBlocked, attack, asyncAttack } = require('./helpers/security-attack')

const READ_ONLY = { ...HARMLESS, builtin: { 'fs.readFileSync': true } }

proveBlocked('fs.writeFileSync next to a granted fs.readFileSync', attack(() => typeof require('fs').writeFileSync === 'function'), { resource: READ_ONLY })
proveBlocked('fs.promises.writeFile next to a granted fs.readFileSync', attack(() => typeof require('fs').promises.writeFile === 'function'), { resource: READ_ONLY })
proveBlocked('require("fs/promises") next to a granted fs.readFileSync', attack(() => typeof require('fs/promises').writeFile === 'function'), { resource: READ_ONLY })
proveBlocked('require("node:fs").writeFileSync next to a granted fs.readFileSync', attack(() => typeof require('node:fs').writeFileSync === 'function'), { resource: READ_ONLY })
proveBlocked('fs.createWriteStream next to a granted fs.readFileSync', attack(() => typeof require('fs').createWriteStream === 'function'), { resource: READ_ONLY })
proveBlocked('fs.writeFileSync through a property the view lists', attack(() => {
  const view = require('fs')
  return Object.getOwnPropertyNames(view).some((name) => name !== 'readFileSync' && typeof view[name] === 'function' && /write|open/i.test(name))
}), { resource: READ_ONLY })

// A listener runs with its emitter as `this`: the real ReadStream keeps the whole fs module
// under an internal symbol.
proveBlocked('fs through `this` of a listener on a stream of fs.createReadStream', asyncAttack(() => new Promise((resolve) => {
  const file = require('fs').createReadStream(__filename)
  file.on('open', function () {
    const fs = Object.getOwnPropertySymbols(this).map((key) => this[key]).find((value) => value && typeof value.writeFileSync === 'function')
    file.destroy()
    resolve(fs)
  })
})), { resource: { builtin: { 'fs.createReadStream': true } } })

// vm's context functions hand back what the package's own realm holds unguarded
// (lib/membranes/vm-realms.js): a guarded stream made a context's global must stay guarded for
// the code run there, whose `new this.constructor(path)` was an unguarded stream holding fs;
// also when the package calls them with `new`.
const fsFromTheRealm = [
  '(() => {',
  '  const raw = new this.constructor(this.path)',
  "  raw.on('error', () => {})",
  '  const fs = ({}).constructor.getOwnPropertySymbols(raw).map((key) => raw[key]).find((value) => value && value.writeFileSync)',
  '  raw.destroy()',
  "  this.leaked = typeof (fs && fs.writeFileSync) === 'function'",
  '})()',
].join('\n')
for (const call of ['', 'new ']) {
  proveBlocked(`fs through a stream of fs.createReadStream made the global of a vm context (${call}vm.runInContext)`, attack(`() => {
    const vm = require('vm')
    const stream = require('fs').createReadStream(__filename)
    stream.on('error', () => {})
    ${call}vm.createContext(stream)
    ${call}vm.runInContext(${JSON.stringify(fsFromTheRealm)}, stream)
    stream.destroy()
    return stream.leaked
  }`), { resource: { builtin: { 'fs.createReadStream': true, 'vm.createContext': true, 'vm.runInContext': true }, globals: { __filename: true } } })
}
