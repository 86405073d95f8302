const spawn = require('cross-spawn')
const r = spawn.sync(process.execPath, ['-e', 'console.log(JSON.stringify(process.argv.slice(1)))', 'a b', 'c'], { encoding: 'utf8' })
console.log(r.status, r.stdout.trim())
const child = spawn(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'])
let out = ''
child.stdout.on('data', (d) => (out += d))
child.on('close', (code) => console.log('piped', code, out))
child.stdin.end('through stdin')
