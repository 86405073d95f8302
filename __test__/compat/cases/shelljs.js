const shell = require('shelljs')
const path = require('path')
shell.config.silent = true
const dir = shell.tempdir() + '/compat-shelljs-' + process.pid
shell.mkdir('-p', dir + '/a/b')
shell.ShellString('line1\nline2\nfoo3\n').to(dir + '/a/f.txt')
console.log(shell.grep('line', dir + '/a/f.txt').stdout.trim().split('\n').length, shell.test('-d', dir + '/a/b'))
console.log(shell.ls('-R', dir).map((f) => f.toString()).sort().join(','), shell.cat(dir + '/a/f.txt').head({ '-n': 1 }).toString().trim())
console.log(shell.sed('-i', 'foo', 'bar', dir + '/a/f.txt').stdout.includes('bar3'))
shell.rm('-rf', dir)
console.log(shell.test('-e', dir), path.basename(shell.which('node').toString()).startsWith('node'))
