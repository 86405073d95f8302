require('reflect-metadata')
const { Container, Service, Inject } = require('typedi')
const __decorate = (decorators, target, key, desc) => Reflect.decorate(decorators, target, key, desc)

let Engine = class Engine { constructor() { this.hp = 300 } }
Engine = __decorate([Service()], Engine)
let Car = class Car {
  constructor(engine) { this.engine = engine }
  describe() { return `car with ${this.engine.hp} hp` }
}
Car = __decorate([Service(), Reflect.metadata('design:paramtypes', [Engine])], Car)
const car = Container.get(Car)
console.log(car.describe(), car === Container.get(Car), car.engine instanceof Engine)
Container.set('config', { name: 'app' })
console.log(Container.get('config').name, Container.has('missing'))
