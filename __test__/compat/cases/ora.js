const ora = require('ora')
const { Writable } = require('stream')
let written = ''
const stream = new Writable({ write(chunk, enc, cb) { written += chunk; cb() } })
const spinner = ora({ text: 'working', stream, isEnabled: false }).start()
spinner.text = 'still working'
spinner.succeed('done')
ora({ stream, isEnabled: false }).start('second').fail('bad')
console.log(JSON.stringify(written))
console.log(spinner.isSpinning)
