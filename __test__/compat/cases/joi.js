const Joi = require('joi')
const schema = Joi.object({ username: Joi.string().alphanum().min(3).required(), age: Joi.number().integer().min(0), email: Joi.string().email() })
console.log(JSON.stringify(schema.validate({ username: 'ab', age: -1 }, { abortEarly: false }).error.details.map((d) => d.message)))
console.log(JSON.stringify(schema.validate({ username: 'lava', age: '7', email: 'a@b.co' }).value))
