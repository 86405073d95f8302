'use strict'
// Security: sockets, child processes, file handles and watchers carry a native handle
// (`socket._handle`), and a handle's `constructor` is its C++ class, which makes new handles:
// `new TCP(1)` is a server that can listen on any port, the native FileHandle wraps any
// descriptor of the process, `Process` spawns. A package granted only `http.request` meets a
// socket in its own 'socket' listener, where no membrane stands (lib/membranes/host-membrane.js guards
// what attenuated builtins return, not what Node passes to callbacks). Node's own code holds
// these classes from its internal bindings and never reaches them through `constructor`, so
// the link is cut on their prototypes, for the whole process, before any package runs.

// Bindings whose classes are handles or requests on them. Asking for these prints no
// deprecation warning on Node 20 or 24 (signal_wrap, http_parser and crypto would).
const HANDLE_BINDINGS = [
  'tcp_wrap', 'pipe_wrap', 'tty_wrap', 'udp_wrap', 'stream_wrap', 'process_wrap', 'fs',
  'fs_event_wrap', 'js_stream', 'cares_wrap', 'zlib', 'tls_wrap',
]

// Captured now: the membrane asks isNativeHandleClass after --scuttleGlobalThis replaced the
// real globals.
const { Object, Reflect } = globalThis

// A named function implemented in C++ (`function TCP() { [native code] }`). Proxies and bound
// functions print without a name, so neither a view nor a bound method is taken for one.
const NATIVE_SOURCE = /^function [\w$]+\(\) \{ \[native code\] \}$/
const functionToString = Function.prototype.toString

/**
 * A native handle class: a named native constructor with a prototype object that lockdown did
 * not freeze (every language intrinsic is frozen, and a compartment has those anyway). Its
 * `prototype` is read as a descriptor, never through a getter.
 */
function isNativeHandleClass(value) {
  if (typeof value !== 'function' || Object.isFrozen(value)) return false
  const proto = Reflect.getOwnPropertyDescriptor(value, 'prototype')
  return proto !== undefined && typeof proto.value === 'object' && proto.value !== null &&
    NATIVE_SOURCE.test(Reflect.apply(functionToString, value, []))
}

/** Makes `constructor` read `undefined` on `proto` and on its native ancestors' prototypes. */
function cutConstructorLinks(proto) {
  for (let p = proto; p !== null && p !== Object.prototype; p = Reflect.getPrototypeOf(p)) {
    const desc = Reflect.getOwnPropertyDescriptor(p, 'constructor')
    if (desc === undefined || !isNativeHandleClass(desc.value)) continue
    Reflect.defineProperty(p, 'constructor', { value: undefined, writable: false, enumerable: false, configurable: false })
  }
}

let done = false

/** Cuts every native handle class off its instances; idempotent. */
function cutNativeHandleClasses() {
  if (done) return
  done = true
  for (const name of HANDLE_BINDINGS) {
    let binding
    try {
      binding = process.binding(name)
    } catch {
      continue // not in this Node
    }
    for (const value of Object.values(binding)) {
      if (isNativeHandleClass(value)) cutConstructorLinks(value.prototype)
    }
  }
}

module.exports = { cutNativeHandleClasses, isNativeHandleClass }
