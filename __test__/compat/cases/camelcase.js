const camelCase = require('camelcase')
console.log(camelCase('foo-bar'), camelCase('Foo_Bar', { pascalCase: true }), camelCase(['foo', 'bar']), camelCase('XMLHttpRequest', { preserveConsecutiveUppercase: true }))
