'use strict'
// Minimal views: the object a package gets for a set of granted dotted paths
// (`process.env.NODE_ENV`, `fs.promises.readFile`) — fresh plain containers down to the
// granted leaves, which are the real values. Used for globals and for attenuated builtins.
//
// Deliberate differences from the reference (fail closed, what a policy author expects):
// - a `false` path under a granted one removes that child from what the package sees
//   (`"process": true, "process.env": false` hides process.env), through a hiding view;
// - a path under an already granted ancestor adds nothing and is skipped instead of being
//   copied *into the real object* (the reference writes onto the host value there);
// - a path through a primitive (`process.versions.node.split`) grants the primitive whole: the
//   reference hands out an object holding the member (`.split` bound to the string), so
//   `String(process.versions.node)` is "[object Object]" and `os.EOL` granted as
//   `os.EOL.length` is `{}` there.

const { realDescriptor } = require('../realm/override-descriptors')
const { redirectThis, redirectDescriptor } = require('./this-redirect')

const isObjectLike = (value) =>
  (typeof value === 'object' && value !== null) || typeof value === 'function'

/** Own or inherited descriptor of `key` on `object`. */
function findDescriptor(object, key) {
  for (let p = object; p !== null && isObjectLike(p); p = Reflect.getPrototypeOf(p)) {
    const desc = realDescriptor(p, key)
    if (desc !== undefined) return desc
  }
  return undefined
}

function readDescriptor(desc, receiver) {
  if ('value' in desc) return desc.value
  return desc.get === undefined ? undefined : Reflect.apply(desc.get, receiver, [])
}

const depthOf = (path) => path.split('.').length

/**
 * A granted leaf is copied onto the package's own container, so assigning it changes what
 * that package alone sees, as a decoration of a whole granted module does (exports-views.js).
 * Copied read-only, a leaf SES froze on the host (every static of `Buffer`) threw on
 * minizlib's `Buffer.concat = ...`, which it restores right after and only uses as a hint to
 * zlib.
 */
const writableCopy = (desc) => ('value' in desc ? { ...desc, writable: true } : desc)

/**
 * @param {object} source the real object the paths start from
 * @param {string[]} grantedPaths
 * @param {string[]} bannedPaths
 * @param {object} [options]
 * @param {object} [options.topStandIn] receiver to swap at depth 0 (a package global)
 * @param {object} [options.topReceiver] real receiver at depth 0 (the host global)
 * @param {(value: object) => object} [options.protectLeaf] applied to non-function object leaves
 * @param {(copy: Function, real: Function) => Function} [options.guardFunctionLeaf] applied to
 *   function leaves: the copy that swaps their receiver, and the real function
 */
/**
 * The container that stands for a function only some members of which are granted
 * (`Buffer.from`): a function too, so that a package's `typeof Buffer === 'function'` test
 * (mquery's, under mongoose) answers as it would without the policy. Calling it throws; it is
 * no constructor and has no `prototype`.
 */
function functionContainer(path, name) {
  return {
    [name]() {
      throw new TypeError(`LavaMoat: ${path} is not granted as a whole, only some of its members`)
    },
  }[name]
}

/**
 * A granted leaf the host does not have when the view is built (`process.env.X`, which the app
 * sets later: @google-cloud/storage reads STORAGE_EMULATOR_HOST when a Storage is made, not when
 * it loads): read from the host when read, a primitive only (an object or a function appearing
 * later would skip the protections a leaf gets). Not enumerable, so that copying the view
 * (`{ ...process.env }` for a child's environment) does not add the name while it is absent.
 * Assigning it gives the view its own value, as for the other leaves.
 */
function defineLiveLeaf(viewContainer, key, sourceContainer) {
  Reflect.defineProperty(viewContainer, key, {
    get() {
      const value = Reflect.get(sourceContainer, key)
      return isObjectLike(value) ? undefined : value
    },
    set(value) {
      Reflect.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true })
    },
    enumerable: false,
    configurable: true,
  })
}

function buildMinimalView(source, grantedPaths, bannedPaths, options = {}) {
  const view = {}
  const ordered = Array.from(new Set(grantedPaths)).sort((a, b) => depthOf(a) - depthOf(b) || a.length - b.length)
  const copied = []
  for (const path of ordered) {
    if (copied.some((done) => path.startsWith(`${done}.`))) continue
    copyPath(path)
    copied.push(path)
  }
  return view

  function copyPath(path) {
    const parts = path.split('.')
    let sourceContainer = source
    let viewContainer = view
    for (let depth = 0; depth < parts.length; depth += 1) {
      const part = parts[depth]
      const desc = findDescriptor(sourceContainer, part)
      if (desc === undefined) {
        if (depth > 0 && depth === parts.length - 1) defineLiveLeaf(viewContainer, part, sourceContainer)
        return
      }
      const realReceiver = depth === 0 && options.topReceiver ? options.topReceiver : sourceContainer
      const standIn = depth === 0 && options.topStandIn ? options.topStandIn : viewContainer
      const container = viewContainer
      const isStandIn = (thisValue) => thisValue === standIn || thisValue === container
      if (depth === parts.length - 1) {
        Reflect.defineProperty(viewContainer, part, writableCopy(leafDescriptor(path, desc, isStandIn, realReceiver)))
        return
      }
      const value = readDescriptor(desc, realReceiver)
      if (!isObjectLike(value)) {
        // A path through a primitive grants the primitive whole (above): a primitive's
        // members come from the shared intrinsics, there is nothing to narrow.
        if (value !== undefined && value !== null) {
          Reflect.defineProperty(viewContainer, part, leafDescriptor(parts.slice(0, depth + 1).join('.'), desc, isStandIn, realReceiver))
        }
        return
      }
      const existing = realDescriptor(viewContainer, part)
      let next
      if (existing !== undefined && 'value' in existing && isObjectLike(existing.value)) {
        next = existing.value
      } else {
        next = typeof value === 'function' ? functionContainer(parts.slice(0, depth + 1).join('.'), part) : {}
        Reflect.defineProperty(viewContainer, part, {
          value: next,
          writable: 'value' in desc ? desc.writable : desc.set !== undefined,
          enumerable: desc.enumerable,
          configurable: desc.configurable,
        })
      }
      sourceContainer = value
      viewContainer = next
    }
  }

  function leafDescriptor(path, desc, isStandIn, realReceiver) {
    const bansBelow = bannedPaths
      .filter((banned) => banned.startsWith(`${path}.`))
      .map((banned) => banned.slice(path.length + 1).split('.'))
    if (bansBelow.length > 0) {
      const value = readDescriptor(desc, realReceiver)
      if (isObjectLike(value)) {
        return {
          value: makeHidingView(value, bansBelow, path),
          writable: 'value' in desc ? desc.writable : false,
          enumerable: desc.enumerable,
          configurable: desc.configurable,
        }
      }
    }
    const { protectLeaf } = options
    if (protectLeaf && 'value' in desc && typeof desc.value !== 'function' && isObjectLike(desc.value)) {
      return { ...desc, value: protectLeaf(desc.value) }
    }
    const redirected = redirectDescriptor(desc, isStandIn, realReceiver)
    const { guardFunctionLeaf } = options
    if (guardFunctionLeaf && typeof redirected.value === 'function') {
      return { ...redirected, value: guardFunctionLeaf(redirected.value, desc.value) }
    }
    if (protectLeaf && redirected.get) {
      // Accessor leaves (`fs.promises`) hand out the same protection as data leaves.
      const get = redirected.get
      redirected.get = function () {
        const value = Reflect.apply(get, this, [])
        return typeof value === 'object' && value !== null ? protectLeaf(value) : value
      }
    }
    return redirected
  }
}

/**
 * A view of `real` without the banned descendants (each a list of path parts). Writes other
 * than to hidden keys reach the real object, as a direct grant of it would allow.
 */
function makeHidingView(real, bans, pathForErrors) {
  const hidden = new Set()
  const nestedBans = new Map()
  for (const parts of bans) {
    if (parts.length === 1) {
      hidden.add(parts[0])
    } else {
      if (!nestedBans.has(parts[0])) nestedBans.set(parts[0], [])
      nestedBans.get(parts[0]).push(parts.slice(1))
    }
  }
  for (const key of [...hidden, ...nestedBans.keys()]) {
    const desc = realDescriptor(real, key)
    // Proxy invariants make a non-configurable property impossible to hide or replace: refuse
    // the policy rather than silently grant what it bans.
    if ((desc !== undefined && desc.configurable === false) || !Reflect.isExtensible(real)) {
      throw new Error(`LavaMoat - cannot remove "${pathForErrors}.${key}" from "${pathForErrors}": the property is not configurable`)
    }
  }
  for (const key of hidden) nestedBans.delete(key)

  const nestedViews = new Map()
  const redirected = new Map()
  let proxy
  const receiverFor = (receiver) => (receiver === proxy ? real : receiver)

  function present(key, value) {
    if (nestedBans.has(key) && isObjectLike(value)) {
      if (!nestedViews.has(key)) nestedViews.set(key, makeHidingView(value, nestedBans.get(key), `${pathForErrors}.${String(key)}`))
      return nestedViews.get(key)
    }
    if (typeof value === 'function') {
      if (!redirected.has(value)) redirected.set(value, redirectThis(value, (t) => t === proxy, real))
      return redirected.get(value)
    }
    return value
  }

  proxy = new Proxy(real, {
    get: (_t, key, receiver) => (hidden.has(key) ? undefined : present(key, Reflect.get(real, key, receiverFor(receiver)))),
    has: (_t, key) => !hidden.has(key) && Reflect.has(real, key),
    ownKeys: () => Reflect.ownKeys(real).filter((key) => !hidden.has(key)),
    getOwnPropertyDescriptor(_t, key) {
      if (hidden.has(key)) return undefined
      const desc = realDescriptor(real, key)
      if (desc === undefined || !('value' in desc) || !nestedBans.has(key)) return desc
      return { ...desc, value: present(key, desc.value) }
    },
    set: (_t, key, value, receiver) => !hidden.has(key) && !nestedBans.has(key) && Reflect.set(real, key, value, receiverFor(receiver)),
    defineProperty: (_t, key, desc) => !hidden.has(key) && !nestedBans.has(key) && Reflect.defineProperty(real, key, desc),
    deleteProperty: (_t, key) => !hidden.has(key) && Reflect.deleteProperty(real, key),
    apply: (_t, thisArg, args) => Reflect.apply(real, receiverFor(thisArg), args),
    construct: (_t, args, newTarget) => Reflect.construct(real, args, newTarget === proxy ? real : newTarget),
  })
  return proxy
}

module.exports = { buildMinimalView }
