const inquirer = require('inquirer')
const { PassThrough } = require('stream')
const input = new PassThrough()
const output = new PassThrough()
output.on('data', () => {})
const prompt = inquirer.createPromptModule({ input, output })
prompt([
  { type: 'input', name: 'name', message: 'Name?' },
  { type: 'confirm', name: 'ok', message: 'OK?', default: false },
]).then((answers) => console.log(JSON.stringify(answers)))
setTimeout(() => input.write('lava\n'), 20)
setTimeout(() => input.write('y\n'), 60)
