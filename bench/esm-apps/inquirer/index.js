import inquirer from 'inquirer'
console.log(typeof inquirer.prompt, typeof inquirer.createPromptModule, Object.keys(inquirer.prompt.prompts).sort().join())
