const prettyBytes = require('pretty-bytes')
console.log(prettyBytes(1337), prettyBytes(100), prettyBytes(1e12, { bits: true }), prettyBytes(-42e6, { signed: true }))
