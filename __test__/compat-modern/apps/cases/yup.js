const yup = require('yup')
const schema = yup.object({
  name: yup.string().required().trim(),
  age: yup.number().integer().positive().required(),
  email: yup.string().email(),
  website: yup.string().url().nullable(),
})
schema.validate({ name: ' ann ', age: '42', email: 'a@b.co', website: null })
  .then((v) => console.log(JSON.stringify(v)))
  .then(() => schema.validate({ age: -1, email: 'nope' }, { abortEarly: false }))
  .catch((e) => console.log(e instanceof yup.ValidationError, e instanceof Error, e.name, e.errors.join(' | ')))
  .then(() => console.log(schema.isValidSync({ name: 'x', age: 1 }), JSON.stringify(schema.cast({ name: ' y ', age: '7' }))))
