const logSymbols = require('log-symbols')
console.log(Object.keys(logSymbols).join(','), JSON.stringify(logSymbols.success).length > 2)
