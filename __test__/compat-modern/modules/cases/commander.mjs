import { Command, Option } from 'commander'
const program = new Command()
program.name('tool').exitOverride().configureOutput({ writeOut: (text) => process.stdout.write(text), writeErr: (text) => process.stdout.write('err: ' + text) })
program.option('-d, --debug', 'debug').addOption(new Option('-s, --size <size>').choices(['small', 'large']).default('small'))
program.command('add <a> <b>').action((a, b, options, command) => console.log('sum', Number(a) + Number(b), command.parent.opts().size))
program.parse(['node', 'tool', '-s', 'large', 'add', '2', '3'])
console.log(JSON.stringify(program.opts()))
try { new Command().exitOverride().configureOutput({ writeErr: (text) => process.stdout.write('err: ' + text) }).option('-x <n>').parse(['node', 't', '--nope']) } catch (e) { console.log(e.code) }
console.log(program.helpInformation())
