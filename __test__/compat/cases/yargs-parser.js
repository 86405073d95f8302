const parser = require('yargs-parser')
console.log(JSON.stringify(parser(['--foo-bar', '33', '-abc', '--no-x', 'pos', '--list', '1', '--list', '2'], { array: ['list'], number: ['list'] })))
console.log(JSON.stringify(parser.detailed('--a=1 --b').argv))
