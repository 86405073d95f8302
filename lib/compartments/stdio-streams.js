'use strict'
// Security: `process.stdin`, `stdout` and `stderr` are sockets when they are pipes or
// terminals (net.Socket, tty.ReadStream/WriteStream) and an fs SyncWriteStream when they are
// files. Their classes are capabilities of their own: `new (process.stdout.constructor)()` is a
// socket that connects anywhere, `connect()` reopens a closed stdin as a TCP connection, and a
// SyncWriteStream writes to any descriptor of the process. A package granted `process` (or
// `process.stdout`) gets the streams themselves, which everything reachable from them leads
// back to (listeners' `this`, `_handle`'s owner, the writable state), so the streams are changed
// instead, before the first package gets one: their prototype chain is replaced by sealed
// stand-ins of the same prototypes without `constructor` and `connect`, down to the generic
// stream classes (Duplex, Readable, Writable, Stream, EventEmitter), which build nothing but
// streams. The app's own `process.stdout` is the same object: `instanceof net.Socket` or
// `tty.WriteStream` is false for it afterwards, while `instanceof stream.Writable` holds.

const { Object, Reflect, WeakMap, WeakSet } = globalThis
const stream = require('node:stream')
const { sealAsBuiltinPrototype } = require('../membranes/builtin-prototypes')

const GENERIC_PROTOTYPES = new Set([stream.Duplex, stream.Readable, stream.Writable, stream.Stream, require('node:events')]
  .map((Class) => Class.prototype))
const CONCEALED_KEYS = new Set(['constructor', 'connect'])

/** real prototype -> its stand-in */
const standIns = new WeakMap()
const concealed = new WeakSet()

function standInFor(proto) {
  if (proto === null || GENERIC_PROTOTYPES.has(proto) || proto === Object.prototype) return proto
  let standIn = standIns.get(proto)
  if (standIn === undefined) {
    const descriptors = {}
    for (const key of Reflect.ownKeys(proto)) {
      if (!CONCEALED_KEYS.has(key)) descriptors[key] = Reflect.getOwnPropertyDescriptor(proto, key)
    }
    standIn = Object.create(standInFor(Reflect.getPrototypeOf(proto)), descriptors)
    sealAsBuiltinPrototype(standIn)
    standIns.set(proto, standIn)
  }
  return standIn
}

/** Conceals the classes behind a stdio stream (idempotent). */
function concealStreamClasses(stdioStream) {
  if (typeof stdioStream !== 'object' || stdioStream === null || concealed.has(stdioStream)) return stdioStream
  concealed.add(stdioStream)
  Reflect.setPrototypeOf(stdioStream, standInFor(Reflect.getPrototypeOf(stdioStream)))
  return stdioStream
}

module.exports = { concealStreamClasses }
