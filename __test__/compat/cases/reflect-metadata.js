// reflect-metadata extends Reflect; tsyringe reads the constructor parameter types TypeScript's
// emitDecoratorMetadata records (the __decorate/__metadata helpers, as tsc emits them).
require('reflect-metadata')
const { container, injectable, singleton } = require('tsyringe')
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
  var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d
  if (typeof Reflect === 'object' && typeof Reflect.decorate === 'function') r = Reflect.decorate(decorators, target, key, desc)
  else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r
  return c > 3 && r && Object.defineProperty(target, key, r), r
}
var __metadata = (this && this.__metadata) || function (k, v) {
  if (typeof Reflect === 'object' && typeof Reflect.metadata === 'function') return Reflect.metadata(k, v)
}
let Clock = class Clock { now() { return 42 } }
Clock = __decorate([singleton()], Clock)
let Greeter = class Greeter {
  constructor(clock) { this.clock = clock }
  greet(name) { return `hello ${name} at ${this.clock.now()}` }
}
Greeter = __decorate([injectable(), __metadata('design:paramtypes', [Clock])], Greeter)
const greeter = container.resolve(Greeter)
console.log(greeter.greet('di'), container.resolve(Clock) === greeter.clock)
console.log(Reflect.getMetadata('design:paramtypes', Greeter).map((type) => type.name).join(','))
Reflect.defineMetadata('role', 'admin', Greeter.prototype, 'greet')
console.log(Reflect.getMetadata('role', Greeter.prototype, 'greet'), Reflect.hasOwnMetadata('role', Greeter))
