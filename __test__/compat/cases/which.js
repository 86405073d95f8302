const which = require('which')
console.log(which.sync('definitely-not-a-command-xyz', { nothrow: true }))
console.log(require('path').basename(which.sync('sh')))
