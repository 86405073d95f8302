const JSON5 = require('json5')
console.log(JSON.stringify(JSON5.parse("{unquoted: 'single', trailing: [1,2,], hex: 0x10, inf: Infinity, // c\n}")))
console.log(JSON5.stringify({ a: 1, 'b-c': [NaN] }))
