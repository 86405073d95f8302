// class-validator and class-transformer with decorators applied as TypeScript emits them.
require('reflect-metadata')
const { IsString, IsInt, Min, Max, IsEmail, ValidateNested, IsOptional, validate } = require('class-validator')
const { plainToInstance, instanceToPlain, Type, Expose, Exclude } = require('class-transformer')
const __decorate = (decorators, target, key) => Reflect.decorate(decorators, target, key, undefined)

class Address { }
__decorate([IsString()], Address.prototype, 'city')
class User {
  get display() { return `${this.name}/${this.age}` }
}
__decorate([IsString(), Expose()], User.prototype, 'name')
__decorate([IsInt(), Min(0), Max(150), Expose()], User.prototype, 'age')
__decorate([IsOptional(), IsEmail()], User.prototype, 'email')
__decorate([Exclude()], User.prototype, 'password')
__decorate([ValidateNested(), Type(() => Address)], User.prototype, 'address')

const user = plainToInstance(User, { name: 'Ann', age: '33', password: 'x', email: 'bad', address: { city: 7 } })
console.log(user instanceof User, user.address instanceof Address, user.display, user.password)
validate(user).then((errors) => {
  console.log(errors.map((e) => `${e.property}:${Object.keys(e.constraints || {}).join('+')}${e.children.length ? '>' + e.children.map((c) => `${c.property}:${Object.keys(c.constraints).join('+')}`).join() : ''}`).join(' '))
  console.log(JSON.stringify(instanceToPlain(user)))
})
