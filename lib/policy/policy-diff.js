'use strict'
// Reviewing a policy change: the Rust core compares two policies; this file reads the files and
// writes the result for people, one line per package that differs.

const native = require('../native')
const { usesColor } = require('../cli/colors')

const ansi = { added: '\x1b[32m', removed: '\x1b[31m', powerful: '\x1b[1;33m', reset: '\x1b[0m' }

/** `null` or `undefined` stands for no policy at all (a missing file). */
function comparePolicies(oldPolicy, newPolicy) {
  return native.diffPolicies(oldPolicy ?? null, newPolicy ?? null)
}

/** A missing file is the empty policy; an unreadable or invalid one throws its coded error. */
function comparePolicyFiles(oldPath, newPath) {
  return comparePolicies(native.readPolicyFile(oldPath), native.readPolicyFile(newPath))
}

/** `builtin fs.readFileSync`, `globals location=write`, `native`, `env=unfrozen`. */
function describePermission({ kind, name, value }) {
  const label = kind === name ? kind : `${kind} ${name}`
  if (value === true) return label
  return `${label}=${typeof value === 'string' ? value : JSON.stringify(value)}`
}

/**
 * The diff as text: `+ name: ...` for an added package with its permissions, `- name` for a
 * removed one, `~ name: +..., -...` for a changed one; an added powerful permission starts with
 * `!`. Empty when nothing changed.
 */
function formatPolicyDiff(diff, { color = false } = {}) {
  const paint = (style, text) => (color ? `${ansi[style]}${text}${ansi.reset}` : text)
  const added = (permission, sign) =>
    permission.powerful
      ? paint('powerful', `!${sign}${describePermission(permission)}`)
      : paint('added', `${sign}${describePermission(permission)}`)
  const removed = (permission) => paint('removed', `-${describePermission(permission)}`)
  const withDetails = (head, details) => (details.length ? `${head}: ${details.join(', ')}` : head)

  const lines = diff.packages.map((pkg) => {
    switch (pkg.status) {
      case 'added':
        return withDetails(paint('added', `+ ${pkg.name}`), pkg.added.map((p) => added(p, '')))
      case 'removed':
        return paint('removed', `- ${pkg.name}`)
      default:
        return withDetails(`~ ${pkg.name}`, [...pkg.added.map((p) => added(p, '+')), ...pkg.removed.map(removed)])
    }
  })
  const resolution = ({ package: from, request, path }) => `${from}: ${request} -> ${path}`
  const { added: newResolutions, removed: oldResolutions } = diff.resolutions
  if (newResolutions.length || oldResolutions.length) {
    lines.push(
      withDetails('~ resolutions', [
        ...newResolutions.map((r) => paint('added', `+${resolution(r)}`)),
        ...oldResolutions.map((r) => paint('removed', `-${resolution(r)}`)),
      ])
    )
  }
  if (diff.addsPowerful) lines.push(`(${paint('powerful', '!')} marks a powerful permission)`)
  return lines.join('\n')
}

/**
 * After a policy rewrite: writes what changed to `stream` (nothing when nothing did) and
 * returns the diff.
 */
function reportPolicyChanges(previous, next, stream) {
  const diff = comparePolicies(previous, next)
  const text = formatPolicyDiff(diff, { color: usesColor(stream) })
  if (text) stream.write(`lavamoat: policy changes:\n${text}\n`)
  return diff
}

module.exports = { comparePolicies, comparePolicyFiles, formatPolicyDiff, reportPolicyChanges, usesColor }
