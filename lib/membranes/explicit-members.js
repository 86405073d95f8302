'use strict'
// Members of builtin modules that reach past any policy (the list is the Rust core's,
// src/policy/process_routes.rs EXPLICIT_BUILTIN_MEMBERS): `v8.setFlagsFromString`
// (`--allow-natives-syntax`, whose natives reach the real global object) and `module.register`
// / `module.registerHooks` (hooks that run in Node's own loader, unconfined, and can answer
// any module's source). A grant of the module, or of a parent, does not give them; a package
// has one only when its policy names it (`"v8.setFlagsFromString": true`).
//
// Security: hiding them in a package's view of the module is not enough, the real module is
// reachable in other ways (the real `Module` is `require('module').prototype.constructor`,
// prototypes being handed out real). So they are taken off the real modules once, before
// any package runs, each replaced by a function that refuses and names the grant; the loader
// puts the real one back in the view of a package whose policy names it, and in the app's.
// Fail closed: a member that cannot be replaced stops the run.

const { Reflect, Map, Error } = globalThis

/** member path (`v8.setFlagsFromString`) -> { id, name, real } ; taken once per process */
const taken = new Map()

/** The function left on the real module: it refuses whoever calls it. */
function refusingStandIn(member) {
  const name = member.slice(member.indexOf('.') + 1)
  return {
    [name]() {
      throw Object.assign(
        new Error(`LavaMoat - "${member}" is given only to a package whose policy names it: add "${member}": true to its "builtin" policy (a grant of the module does not include it)`),
        { code: 'LAVAMOAT_EXPLICIT_MEMBER_NOT_GRANTED' },
      )
    },
  }[name]
}

/**
 * Takes `members` off the real builtin modules (idempotent).
 * @param {readonly string[]} members `<module>.<name>` paths
 * @param {(id: string) => object} hostRequire Node's own require
 */
function takeExplicitMembers(members, hostRequire) {
  for (const member of members) {
    if (taken.has(member)) continue
    const dot = member.indexOf('.')
    const id = member.slice(0, dot)
    const name = member.slice(dot + 1)
    const exports = hostRequire(`node:${id}`)
    const desc = Reflect.getOwnPropertyDescriptor(exports, name)
    // This Node has no such member (`module.registerHooks` before 22.15): nothing to give.
    if (desc === undefined) {
      taken.set(member, { id, name, real: undefined })
      continue
    }
    const real = 'value' in desc ? desc.value : undefined
    const replaced =
      'value' in desc &&
      Reflect.defineProperty(exports, name, { value: refusingStandIn(member), writable: desc.writable, enumerable: desc.enumerable, configurable: desc.configurable }) &&
      Reflect.getOwnPropertyDescriptor(exports, name).value !== real
    if (!replaced) throw new Error(`LavaMoat - cannot take "${member}" off the real "${id}" module: the property cannot be replaced`)
    taken.set(member, { id, name, real })
  }
}

/** A builtin's id without the `node:` scheme: both spellings name one module. */
const bareId = (id) => (id.startsWith('node:') ? id.slice(5) : id)

/** The taken members of builtin `id` (either spelling) that this Node has: [name, real][] */
function explicitMembersOf(id) {
  const bare = bareId(id)
  const found = []
  for (const entry of taken.values()) if (entry.id === bare && entry.real !== undefined) found.push([entry.name, entry.real])
  return found
}

/**
 * Whether `builtinPolicy` names member `name` of builtin `id` itself, under either spelling of
 * the module: `v8` and `node:v8` share one module object and so one view per package.
 */
function grantsExplicitMember(builtinPolicy, id, name) {
  const bare = bareId(id)
  return builtinPolicy[`${bare}.${name}`] === true || builtinPolicy[`node:${bare}.${name}`] === true
}

module.exports = { takeExplicitMembers, explicitMembersOf, grantsExplicitMember, bareId }
