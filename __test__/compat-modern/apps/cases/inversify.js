require('reflect-metadata')
const { Container, injectable, inject } = require('inversify')
const __decorate = (decorators, target, key, desc) => Reflect.decorate(decorators, target, key, desc)
const __param = (index, decorator) => (target, key) => decorator(target, key, index)
const TYPES = { Weapon: Symbol.for('Weapon'), Warrior: Symbol.for('Warrior') }

let Katana = class Katana { hit() { return 'cut!' } }
Katana = __decorate([injectable()], Katana)
let Ninja = class Ninja {
  constructor(weapon) { this.weapon = weapon }
  fight() { return `ninja ${this.weapon.hit()}` }
}
Ninja = __decorate([injectable(), __param(0, inject(TYPES.Weapon))], Ninja)

const container = new Container()
container.bind(TYPES.Weapon).to(Katana)
container.bind(TYPES.Warrior).to(Ninja).inSingletonScope()
const ninja = container.get(TYPES.Warrior)
console.log(ninja.fight(), ninja === container.get(TYPES.Warrior), ninja.weapon instanceof Katana)
container.bind('greeting').toConstantValue('hi')
console.log(container.get('greeting'), container.isBound('nope'))
