'use strict'
// "did you mean --autopolicy?": the known spelling nearest to a mistyped flag. Flags are
// compared without dashes and case (`--auto-policy`, `--AutoPolicy` are one edit or none from
// `--autopolicy`), so the suggestion survives the usual kebab-case and capitalisation slips.

/** What a flag is compared as: `--Auto-Policy` → `autopolicy`. */
const comparable = (flag) => flag.replace(/^-+/, '').replace(/-/g, '').toLowerCase()

/** Edit distance with transpositions (optimal string alignment): `polciy` is one edit from `policy`. */
function editDistance(a, b) {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)])
  for (let j = 1; j <= b.length; j += 1) rows[0][j] = j
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1)
      }
    }
  }
  return rows[a.length][b.length]
}

/**
 * The nearest of `spellings` to `flag` with its distance, or undefined when none is within
 * `maxDistance` (default: a third of the flag's length, at least one edit; further than that
 * a suggestion is a guess). Flags of one or two letters get none.
 * @param {string} flag as typed, e.g. `--auto-policy`
 * @param {Iterable<string>} spellings e.g. `--autopolicy`, `-a`
 */
function nearest(flag, spellings, maxDistance) {
  const typed = comparable(flag)
  // One or two letters are one edit from most short flags: any suggestion would be a guess.
  if (typed.length < 3) return undefined
  const limit = maxDistance ?? Math.max(1, Math.floor(typed.length / 3))
  let best
  for (const spelling of spellings) {
    const distance = editDistance(typed, comparable(spelling))
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { spelling, distance }
  }
  return best
}

module.exports = { nearest }
