import { execa, execaNode, execaSync } from 'execa'
const r = await execa(process.execPath, ['-e', 'process.stdout.write("child " + process.argv[1])', 'arg'])
console.log(r.exitCode, r.stdout)
const sync = execaSync(process.execPath, ['-e', 'console.log(6 * 7)'])
console.log('sync', sync.stdout)
const failed = await execa(process.execPath, ['-e', 'process.exit(3)'], { reject: false })
console.log('async exit', failed.exitCode, failed.failed)
const lines = await execa({ lines: true })`${process.execPath} -e ${'console.log("a\\nb\\nc")'}`
console.log(JSON.stringify(lines.stdout))
const piped = await execa(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], { input: 'piped in' })
console.log(piped.stdout)
