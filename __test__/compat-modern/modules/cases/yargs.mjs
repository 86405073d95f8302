import yargs from 'yargs'
import { hideBin } from 'yargs/helpers'
const argv = yargs(['serve', '--port', '8080', '-v', 'extra'])
  .scriptName('app')
  .command('serve [dir]', 'serve it', (y) => y.positional('dir', { type: 'string', default: '.' }))
  .option('port', { type: 'number' })
  .option('v', { type: 'boolean', alias: 'verbose' })
  .strict()
  .parseSync()
console.log(argv._.join(','), argv.port, argv.verbose, argv.dir)
console.log(JSON.stringify(hideBin(['node', 'script', 'a'])))
const help = await yargs([]).scriptName('tool').option('name', { describe: 'your name', type: 'string' }).version(false).getHelp()
console.log(help)
