const prompts = require('prompts')
prompts.inject(['lava', true, 3])
prompts([
  { type: 'text', name: 'name', message: 'Name?' },
  { type: 'confirm', name: 'ok', message: 'OK?' },
  { type: 'number', name: 'n', message: 'N?', validate: (n) => n > 0 },
]).then((answers) => console.log(JSON.stringify(answers)))
