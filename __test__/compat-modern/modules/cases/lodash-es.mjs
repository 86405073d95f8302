import { chunk, debounce, groupBy, merge, template, sortBy } from 'lodash-es'
import camelCase from 'lodash-es/camelCase.js'
console.log(JSON.stringify(chunk([1, 2, 3, 4, 5], 2)), JSON.stringify(groupBy([1.2, 1.4, 2.1], Math.floor)))
console.log(JSON.stringify(merge({ a: { b: 1 } }, { a: { c: 2 } })), camelCase('Foo Bar'))
console.log(template('hello <%= user %>!')({ user: 'fred' }))
console.log(JSON.stringify(sortBy([{ n: 'b' }, { n: 'a' }], 'n')), typeof debounce(() => {}, 10).cancel)
