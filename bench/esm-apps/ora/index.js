import ora from 'ora'
const spinner = ora({ text: 'working', isEnabled: false }).start()
spinner.text = 'still working'
spinner.succeed('done')
console.log('spinning', spinner.isSpinning)
