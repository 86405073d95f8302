// Groups some orders by customer and prints a coloured report. Each dependency runs in its own
// compartment: chalk may read process.env and stdout's colour support, lodash gets nothing,
// and price-format, which tries to read a file in your home directory, is refused.
const chalk = require('chalk')
const groupBy = require('lodash/groupBy')
const sumBy = require('lodash/sumBy')
const { v5: uuidv5 } = require('uuid')
const log = require('debug')('example')
const formatPrice = require('price-format')

const NAMESPACE = '1b671a64-40d5-491e-99b0-da01ff1f3341'
const orders = [
  { customer: 'ada', total: 12.5 },
  { customer: 'grace', total: 40 },
  { customer: 'ada', total: 7.25 },
]

log('grouping %d orders', orders.length)
for (const [customer, list] of Object.entries(groupBy(orders, 'customer'))) {
  const id = uuidv5(customer, NAMESPACE).slice(0, 8)
  console.log(`${chalk.bold(customer)} (${id}): ${list.length} orders, ${sumBy(list, 'total').toFixed(2)}`)
}

// price-format reads ~/.price-formatrc with `fs`, loaded by a require() of a variable that
// --autopolicy cannot follow (it warns about it), so the policy gives price-format no `fs`.
// Under lavamoat the read throws; the app shows why, with the override that would allow it.
try {
  console.log(`total: ${formatPrice(sumBy(orders, 'total'))}`)
} catch (err) {
  if (!String(err.code).startsWith('LAVAMOAT_')) throw err
  console.log(`\nlavamoat stopped price-format (${err.code}):\n${err.message}`)
}
