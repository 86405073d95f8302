'use strict'
// Groups and sorts 100,000 objects 5 times: the work runs inside the `lodash` package.

const _ = require('lodash')

const items = Array.from({ length: 1e5 }, (_unused, i) => ({
  id: i,
  group: `g${i % 97}`,
  score: (i * 7919) % 1000,
  name: `item-${(i * 31) % 1e5}`,
}))

let summary = ''
const started = process.hrtime.bigint()
for (let round = 0; round < 5; round++) {
  const groups = _.groupBy(items, 'group')
  const sorted = _.sortBy(items, ['score', 'name'])
  summary = `${Object.keys(groups).length} groups, first ${sorted[0].name}, last ${sorted[sorted.length - 1].name}`
}
const workMs = Number(process.hrtime.bigint() - started) / 1e6
console.log(summary)
// Read by the bench: the grouping and sorting's own cost, start excluded.
console.log(`bench-work-ms: ${workMs}`)
