const Papa = require('papaparse')
const r = Papa.parse('name,age\nann,36\nbob,40', { header: true, dynamicTyping: true })
console.log(JSON.stringify(r.data), r.errors.length)
console.log(JSON.stringify(Papa.unparse([{ a: 1, b: 'x,y' }])))
