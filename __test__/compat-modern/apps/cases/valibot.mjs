import * as v from 'valibot'
const User = v.object({ name: v.pipe(v.string(), v.minLength(2)), age: v.pipe(v.number(), v.integer(), v.minValue(0)), email: v.optional(v.pipe(v.string(), v.email())) })
console.log(JSON.stringify(v.parse(User, { name: 'Ann', age: 33 })))
const result = v.safeParse(User, { name: 'A', age: 1.5, email: 'x' })
console.log(result.success, result.issues.map((i) => `${v.getDotPath(i)}:${i.type}`).join(' '))
try { v.parse(v.string(), 1) } catch (e) { console.log(e instanceof v.ValiError, e instanceof Error, e.message) }
