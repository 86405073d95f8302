// A small CLI: parses its arguments with yargs, groups data with lodash, names records with
// uuid v5, logs through debug (enabled by DEBUG) and colours with chalk (forced on).
const yargs = require('yargs/yargs')
const { hideBin } = require('yargs/helpers')
const _ = require('lodash')
const { v5: uuidv5 } = require('uuid')
const chalk = require('chalk')
const log = require('debug')('toolbox')

const argv = yargs(hideBin(process.argv))
  .option('top', { type: 'number', default: 2 })
  .parse(['--top', '3'])

const people = [
  { name: 'ada', team: 'engines', score: 9 },
  { name: 'grace', team: 'compilers', score: 8 },
  { name: 'alan', team: 'engines', score: 7 },
  { name: 'edsger', team: 'compilers', score: 10 },
]
log('scoring %d people', people.length)
const colours = new chalk.Instance({ level: 1 })
for (const [team, members] of Object.entries(_.groupBy(people, 'team'))) {
  const best = _.take(_.orderBy(members, ['score'], ['desc']), argv.top).map((p) => p.name)
  console.log(colours.green(team), uuidv5(team, uuidv5.URL).slice(0, 8), best.join(','))
}
console.log(_.sortBy(people, 'score').map((p) => p.score).join(' '))
