const wrapAnsi = require('wrap-ansi')
console.log(JSON.stringify(wrapAnsi('The quick \u001b[31mbrown fox\u001b[39m jumped over the lazy dog', 12, { hard: true })))
