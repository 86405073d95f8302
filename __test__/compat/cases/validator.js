const validator = require('validator')
console.log(validator.isEmail('foo@bar.com'), validator.isEmail('nope'), validator.isURL('https://x.test/a?b'), validator.isUUID('9b2c1c5e-6b3e-4a1f-9d6a-2f1f1e3c7a10'))
console.log(validator.escape('<a href="x">'), validator.normalizeEmail('Foo.Bar@GMAIL.com'), validator.isIP('127.0.0.1'))
