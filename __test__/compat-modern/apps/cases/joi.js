const Joi = require('joi')
const schema = Joi.object({
  username: Joi.string().alphanum().min(3).max(30).required(),
  birth: Joi.number().integer().min(1900).max(2013),
  email: Joi.string().email({ tlds: { allow: false } }),
  tags: Joi.array().items(Joi.string()).unique(),
  role: Joi.string().valid('admin', 'user').default('user'),
})
console.log(JSON.stringify(schema.validate({ username: 'abc', birth: 1994, email: 'a@b.co', tags: ['x'] })))
const bad = schema.validate({ username: 'a!', birth: 3000, tags: ['x', 'x'] }, { abortEarly: false })
console.log(bad.error instanceof Error, bad.error.name, bad.error.details.map((d) => `${d.path.join('.')}:${d.type}`).join(' '))
try { Joi.assert('x', Joi.number()) } catch (e) { console.log(e.name, e.message) }
schema.validateAsync({ username: 'okay' }).then((v) => console.log(JSON.stringify(v)))
