import ora, { oraPromise } from 'ora'
import { Writable } from 'node:stream'
let written = ''
const stream = new Writable({ write(chunk, enc, cb) { written += chunk; cb() } })
const spinner = ora({ text: 'working', stream, isEnabled: false }).start()
spinner.text = 'still working'
spinner.succeed('done')
ora({ stream, isEnabled: false }).start('second').fail('bad')
await oraPromise(Promise.resolve(1), { text: 'promised', stream, isEnabled: false, successText: 'resolved' })
console.log(JSON.stringify(written))
console.log(spinner.isSpinning)
