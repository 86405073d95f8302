const _ = require('lodash')
const users = [{ name: 'ann', age: 36 }, { name: 'bob', age: 40 }, { name: 'cy', age: 1 }]
console.log(_.map(_.sortBy(users, 'age'), 'name').join(','))
console.log(JSON.stringify(_.groupBy([6.1, 4.2, 6.3], Math.floor)))
console.log(_.template('hello <%= user %>!')({ user: 'fred' }))
console.log(_.camelCase('Foo Bar'), _.chunk([1, 2, 3, 4, 5], 2).length, _.isEqual({ a: [1] }, { a: [1] }))
console.log(JSON.stringify(_.merge({ a: { b: 1 } }, { a: { c: 2 } })), _.debounce.name)
