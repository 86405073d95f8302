const pc = require('picocolors')
const on = pc.createColors(true)
console.log(JSON.stringify(on.red(on.bold('x'))), pc.createColors(false).green('off'), typeof pc.isColorSupported)
