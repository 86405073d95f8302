import camelCase from 'camelcase'
console.log(camelCase('foo-bar'), camelCase('Foo_Bar', { pascalCase: true }), camelCase('XMLHttp request', { preserveConsecutiveUppercase: true }))
console.log(camelCase(['a', 'b-c']), camelCase('lorem-ipsum', { locale: 'en-US' }))
