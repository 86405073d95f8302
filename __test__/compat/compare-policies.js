'use strict'
// Compares the policies two runners wrote for the corpus (`run.js --policies <dir>`), case by
// case: which are byte-identical, and for the others every key that differs, grouped by the
// kind of difference README documents. A record for RESULTS.md, not a test.
//
//   node __test__/compat/compare-policies.js <our policies dir> <reference policies dir>

const fs = require('node:fs')
const path = require('node:path')

const REGEXP_STATIC = /^RegExp\.(\$[1-9_]|input|lastMatch|lastParen|leftContext|rightContext)$/

/** Every (resource, field, key) whose value differs, as `{ resource, field, key, ours, reference }`. */
function differences(ours, reference) {
  const found = []
  const names = new Set([...Object.keys(ours.resources ?? {}), ...Object.keys(reference.resources ?? {})])
  for (const resource of names) {
    const a = ours.resources?.[resource] ?? {}
    const b = reference.resources?.[resource] ?? {}
    for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = a[field]
      const y = b[field]
      if (typeof x === 'object' || typeof y === 'object') {
        for (const key of new Set([...Object.keys(x ?? {}), ...Object.keys(y ?? {})])) {
          if (x?.[key] !== y?.[key]) found.push({ resource, field, key, ours: x?.[key], reference: y?.[key] })
        }
      } else if (x !== y) {
        found.push({ resource, field, key: '', ours: x, reference: y })
      }
    }
  }
  return found
}

/** The documented kind of one difference, or 'other'. */
function kindOf(diff, all) {
  const { field, key, ours, reference } = diff
  if (field === 'globals' && REGEXP_STATIC.test(key) && reference === undefined) return 'RegExp statics'
  if (field === 'env' && ours === 'unfrozen') return 'env unfrozen (intrinsic writes)'
  // A presence test: the reference grants X whole, ours paths under X (or nothing but X's tests).
  const top = key.split('.')[0]
  const narrowed = all.some((d) => d.resource === diff.resource && d.field === 'globals' && d.ours === undefined && d.reference === true && !d.key.includes('.'))
  if (field === 'globals' && ((ours === undefined && reference === true && !key.includes('.')) || (reference === undefined && narrowed && all.some((d) => d.resource === diff.resource && d.key === top && d.ours === undefined)))) {
    return 'presence-test narrowing'
  }
  return 'other'
}

function main([oursDir, referenceDir]) {
  const cases = fs.readdirSync(oursDir).filter((file) => file.endsWith('-policy.json') && fs.existsSync(path.join(referenceDir, file)))
  const tally = new Map()
  const others = []
  let identical = 0
  for (const file of cases.sort()) {
    const oursText = fs.readFileSync(path.join(oursDir, file), 'utf8')
    const referenceText = fs.readFileSync(path.join(referenceDir, file), 'utf8')
    if (oursText === referenceText) {
      identical += 1
      continue
    }
    const diffs = differences(JSON.parse(oursText), JSON.parse(referenceText))
    const kinds = new Set(diffs.map((diff) => kindOf(diff, diffs)))
    const label = [...kinds].sort().join(' + ')
    tally.set(label, (tally.get(label) ?? 0) + 1)
    if (kinds.has('other')) {
      others.push(`${file.replace(/-policy\.json$/, '')}: ${diffs.filter((diff) => kindOf(diff, diffs) === 'other').map((d) => `${d.resource} ${d.field}${d.key ? ` ${d.key}` : ''} (ours ${JSON.stringify(d.ours)}, reference ${JSON.stringify(d.reference)})`).join('; ')}`)
    }
  }
  console.log(`${cases.length} cases with both policies: ${identical} byte-identical`)
  for (const [label, count] of [...tally].sort((a, b) => b[1] - a[1])) console.log(`${count} differ by: ${label}`)
  if (others.length > 0) console.log(`\nDifferences of no documented kind ('other'):\n${others.join('\n')}`)
}

main(process.argv.slice(2))
