const { object, string, number, array, validate, assert } = require('superstruct')
const User = object({ id: number(), name: string(), tags: array(string()) })
const [err, value] = validate({ id: 1, name: 'a', tags: ['x'] }, User)
console.log(err, JSON.stringify(value))
try { assert({ id: 'no' }, User) } catch (e) { console.log(e.name, e.path.join('.'), e.type) }
