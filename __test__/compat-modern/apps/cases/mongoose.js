// mongoose offline: schemas, virtuals, validation, and util.inspect of a document (issue 19
// item 5: mongoose assigns Symbol(nodejs.util.inspect.custom) on its prototypes).
const mongoose = require('mongoose')
const util = require('node:util')

const addressSchema = new mongoose.Schema({ city: String, zip: { type: String, match: /^\d{5}$/ } }, { _id: false })
const userSchema = new mongoose.Schema({
  name: { type: String, required: true, trim: true },
  age: { type: Number, min: 0, max: 150 },
  role: { type: String, enum: ['admin', 'user'], default: 'user' },
  tags: [String],
  address: addressSchema,
})
userSchema.virtual('label').get(function () { return `${this.name} (${this.role})` })
userSchema.methods.greet = function () { return `hi ${this.name}` }
const User = mongoose.model('User', userSchema)

const id = new mongoose.Types.ObjectId('64b7f0c2a1b2c3d4e5f60718')
const user = new User({ _id: id, name: '  Ann ', age: 33, tags: ['a', 'b'], address: { city: 'Paris', zip: '75001' } })
console.log(user.name, user.label, user.greet(), user.tags.length, user.isNew)
console.log(JSON.stringify(user.toJSON()))
console.log(util.inspect(user, { depth: 3 }))
new User({ age: -1, role: 'boss', address: { zip: 'x' } }).validate()
  .catch((err) => console.log(err instanceof mongoose.Error.ValidationError, err instanceof Error, Object.keys(err.errors).sort().join(), err.errors.role.kind))
  .then(() => user.validate())
  .then(() => console.log('valid'))
