const mime = require('mime-types')
console.log(mime.lookup('x.md'), mime.contentType('json'), mime.extension('application/octet-stream'), mime.charset('text/css'))
