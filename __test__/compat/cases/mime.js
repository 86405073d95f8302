const mime = require('mime')
console.log(mime.getType('a/b/file.json'), mime.getType('x.PNG'), mime.getExtension('text/html'), mime.getType('unknown.zzz'))
