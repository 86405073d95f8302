const bytes = require('bytes')
console.log(bytes(1024), bytes(1536, { decimalPlaces: 1 }), bytes('1KB'), bytes.parse('1.5mb'), bytes(1000, { thousandsSeparator: ',', unit: 'B' }))
