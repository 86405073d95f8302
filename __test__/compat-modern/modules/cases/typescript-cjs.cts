const fg = require('fast-glob') as typeof import('fast-glob')
const { Command } = require('commander') as typeof import('commander')
const program = new Command().option('-n, --name <name>').parse(['node', 'x', '--name', 'cts'])
const patterns: string[] = ['package.json']
console.log(program.opts().name, fg.sync(patterns, { cwd: __dirname + '/..' }).join(','))
