'use strict'
// Functions a package hands to host code that calls them back: listeners, hooks assigned to a
// host object, callbacks. Security: the host calls them with its own object as `this` (an
// emitter calls its listeners with itself), and the real object (the process, a ReadStream
// holding the whole `fs` module) is exactly what the package must not get. The host is given
// a stand-in that calls the package's function with what the package holds for that object
// instead. One stand-in per function, so that removing a listener finds it, and a stand-in
// read back answers the package's own function.

// Captured now: --scuttleGlobalThis later makes the real globals throw.
const { Reflect, WeakMap } = globalThis

/**
 * @param {(self: unknown) => unknown} thisForPackage what the package gets for the `this`
 *   the host calls with
 */
function makeCallbackStandIns(thisForPackage) {
  const standIns = new WeakMap()
  const owners = new WeakMap()
  return {
    /** The function the host gets for the package's `fn`. */
    standInFor(fn) {
      let standIn = standIns.get(fn)
      if (standIn === undefined) {
        standIn = function () {
          return Reflect.apply(fn, thisForPackage(this), arguments)
        }
        standIns.set(fn, standIn)
        owners.set(standIn, fn)
      }
      return standIn
    },
    /** The package's function behind a stand-in, or undefined. */
    ownerOf: (value) => owners.get(value),
  }
}

module.exports = { makeCallbackStandIns }
