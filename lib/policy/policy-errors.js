'use strict'
// Policy violations raised by `require`. The first line of each message is the reference's
// exact text (users and tools grep for it); the reference's errors carry no `code`, ours do,
// plus a second line naming the override entry that would grant the access.

class PolicyViolationError extends Error {
  /** `grant`: the override entry that would allow it, `{ packageName, section, keys }`. */
  constructor(message, code, hint, grant) {
    super(hint ? `${message}\n${hint}` : message)
    this.name = 'Error'
    this.code = code
    this.hint = hint
    this.grant = grant
  }
}

function hintFor(overrideFile, packageName, entry) {
  return `Hint: to allow it, add ${entry} to resources[${JSON.stringify(packageName)}] in ${overrideFile}`
}

function packageNotAllowed({ parent, child, request, overrideFile }) {
  return new PolicyViolationError(
    `LavaMoat - required package not in allowlist: package "${parent}" requested "${child}" as "${request}"`,
    'LAVAMOAT_PACKAGE_NOT_ALLOWED',
    hintFor(overrideFile, parent, `"packages": {${JSON.stringify(child)}: true}`),
    { packageName: parent, section: 'packages', keys: [child] },
  )
}

/**
 * `members`: the paths of the module the requiring file's code uses (`fs.readFileSync`), when
 * known: the hint names those, as --autopolicy would grant them, rather than the whole module.
 */
function builtinNotAllowed({ parent, id, request, overrideFile, members = [] }) {
  const keys = members.length > 0 ? members : [id]
  return new PolicyViolationError(
    `LavaMoat - required node builtin package not in allowlist: package "${parent}" requested "${id}" as "${request}"`,
    'LAVAMOAT_BUILTIN_NOT_ALLOWED',
    hintFor(overrideFile, parent, `"builtin": {${keys.map((key) => `${JSON.stringify(key)}: true`).join(', ')}}`),
    { packageName: parent, section: 'builtin', keys },
  )
}

/**
 * A member of a granted builtin that only a grant naming it gives (src/policy/process_routes.rs,
 * EXPLICIT_BUILTIN_MEMBERS): `id` is the member's path as the package requested the module
 * (`node:v8.setFlagsFromString`).
 */
function explicitMemberNotGranted({ parent, id, overrideFile }) {
  return new PolicyViolationError(
    `LavaMoat - "${id}" is given only to a package whose policy names it: package "${parent}" has no grant of "${id}" (a grant of its module does not include it)`,
    'LAVAMOAT_EXPLICIT_MEMBER_NOT_GRANTED',
    hintFor(overrideFile, parent, `"builtin": {${JSON.stringify(id)}: true}`),
    { packageName: parent, section: 'builtin', keys: [id] },
  )
}

function nativeNotAllowed({ packageName, file, overrideFile }) {
  return new PolicyViolationError(
    `LavaMoat - "native" module type not permitted for package "${packageName}", module "${file}"`,
    'LAVAMOAT_NATIVE_NOT_ALLOWED',
    hintFor(overrideFile, packageName, '"native": true'),
    { packageName, section: 'native' },
  )
}

function recursiveRequire(request) {
  return new PolicyViolationError(`LavaMoat - recursive require detected: "${request}"`, 'LAVAMOAT_RECURSIVE_REQUIRE')
}

module.exports = { packageNotAllowed, builtinNotAllowed, explicitMemberNotGranted, nativeNotAllowed, recursiveRequire }
