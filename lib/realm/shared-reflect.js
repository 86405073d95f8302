'use strict'
// One extended `Reflect` for the packages a policy allows to share it: reflect-metadata and
// the decorator frameworks that read the metadata it keeps (tsyringe, inversify, typeorm,
// class-validator, NestJS, and TypeScript's own `__decorate` / `__metadata` helpers).
//
// Why: lockdown freezes the intrinsic `Reflect`, and reflect-metadata adds `decorate`,
// `metadata`, `getMetadata`, ... to the global object's `Reflect` ("Cannot define property
// decorate, object is not extensible"); every other package reads them from its own global.
//
// Design: where a policy grants `"Reflect": "write"` (which --autopolicy writes for a package
// that assigns the global object's `Reflect`, as reflect-metadata does), there is one shared
// Reflect: the intrinsic's own members (the same functions, read-only and permanent) on an
// extensible object.
// - A package granted `"Reflect": "write"` has it as its global `Reflect` and may add to it.
// - A package granted added members by name (`"Reflect.getMetadata": true`) sees a read-only
//   view with the intrinsic members and those names only.
// - The app has it as its `Reflect` (it is unrestricted).
// - Every other package keeps the frozen intrinsic: nothing another package added reaches it.

const INTRINSIC = Reflect
const isIntrinsicMember = (key) => Reflect.getOwnPropertyDescriptor(INTRINSIC, key) !== undefined

/** Whether a `globals` path is a member added to Reflect (`Reflect.getMetadata`). */
function isAddedReflectMember(path) {
  const [top, member, ...rest] = path.split('.')
  return top === 'Reflect' && member !== undefined && rest.length === 0 && !isIntrinsicMember(member)
}

/** Whether a policy's resources let any package extend the shared Reflect. */
function policyExtendsReflect(resources) {
  return Object.values(resources).some((resource) => resource?.globals?.Reflect === 'write')
}

function makeSharedReflect() {
  const shared = Object.create(Reflect.getPrototypeOf(INTRINSIC))
  for (const key of Reflect.ownKeys(INTRINSIC)) {
    const desc = Reflect.getOwnPropertyDescriptor(INTRINSIC, key)
    Reflect.defineProperty(shared, key, { ...desc, writable: false, configurable: false })
  }
  return shared
}

/** A read-only view of `shared` showing the intrinsic members and `names`. */
function readOnlyView(shared, names) {
  const granted = new Set(names)
  // Proxy invariants: a non-configurable member must be shown; the intrinsic ones are.
  const isVisible = (key) => isIntrinsicMember(key) || granted.has(key) || Reflect.getOwnPropertyDescriptor(shared, key)?.configurable === false
  return new Proxy(shared, {
    get: (target, key) => (isVisible(key) ? Reflect.get(target, key) : undefined),
    has: (target, key) => isVisible(key) && Reflect.has(target, key),
    getOwnPropertyDescriptor: (target, key) => (isVisible(key) ? Reflect.getOwnPropertyDescriptor(target, key) : undefined),
    ownKeys: (target) => Reflect.ownKeys(target).filter(isVisible),
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
    setPrototypeOf: () => false,
    preventExtensions: () => false,
  })
}

/**
 * The shared Reflect of a run, or undefined when no policy lets a package extend it (then
 * every package, and the app, has the intrinsic).
 */
function makeReflectShare(resources) {
  if (!policyExtendsReflect(resources)) return undefined
  const shared = makeSharedReflect()
  return {
    forApp: () => shared,
    /** What a package with `globalsPolicy` has as `Reflect`, or undefined for the intrinsic. */
    forPackage(globalsPolicy) {
      if (globalsPolicy.Reflect === 'write') return shared
      const names = Object.keys(globalsPolicy).filter((path) => globalsPolicy[path] === true && isAddedReflectMember(path))
      return names.length === 0 ? undefined : readOnlyView(shared, names.map((path) => path.slice('Reflect.'.length)))
    },
  }
}

module.exports = { makeReflectShare, isAddedReflectMember }
