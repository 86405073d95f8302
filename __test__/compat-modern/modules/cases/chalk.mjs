import chalk, { Chalk, supportsColor } from 'chalk'
const forced = new Chalk({ level: 1 })
console.log(JSON.stringify(forced.red.bold('red') + forced.bgBlue(' x ')))
console.log(JSON.stringify(new Chalk({ level: 3 }).hex('#ff8800')('hex')))
console.log(chalk.level >= 0, typeof supportsColor)
