const execa = require('execa')
const r = execa.sync(process.execPath, ['-e', 'process.stdout.write("child " + process.argv[1])', 'arg'])
console.log(r.exitCode, r.stdout)
execa(process.execPath, ['-e', 'process.exit(3)'], { reject: false }).then((r2) => console.log('async exit', r2.exitCode, r2.failed))
