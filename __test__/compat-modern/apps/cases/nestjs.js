// NestJS on express, decorators applied as TypeScript emits them (Reflect.decorate and
// design:paramtypes metadata), served on port 0 of 127.0.0.1, one request.
require('reflect-metadata')
const { Module, Controller, Get, Param, Injectable, NotFoundException } = require('@nestjs/common')
const { NestFactory } = require('@nestjs/core')
const { ExpressAdapter } = require('@nestjs/platform-express')
const { of, map, lastValueFrom } = require('rxjs')
const http = require('node:http')

const __decorate = (decorators, target, key, desc) => Reflect.decorate(decorators, target, key, desc)
const __param = (index, decorator) => (target, key) => decorator(target, key, index)

let CatsService = class CatsService {
  find(name) { return lastValueFrom(of(name).pipe(map((n) => ({ name: n, lives: n.length })))) }
}
CatsService = __decorate([Injectable()], CatsService)

let CatsController = class CatsController {
  constructor(cats) { this.cats = cats }
  async one(name) {
    if (name === 'none') throw new NotFoundException(`no cat ${name}`)
    return this.cats.find(name)
  }
}
__decorate([Get(':name'), __param(0, Param('name')), Reflect.metadata('design:paramtypes', [String])], CatsController.prototype, 'one', Object.getOwnPropertyDescriptor(CatsController.prototype, 'one'))
CatsController = __decorate([Controller('cats'), Reflect.metadata('design:paramtypes', [CatsService])], CatsController)

let AppModule = class AppModule {}
AppModule = __decorate([Module({ controllers: [CatsController], providers: [CatsService] })], AppModule)

const get = (port, path) => new Promise((resolve, reject) => {
  http.get({ host: '127.0.0.1', port, path }, (res) => {
    let body = ''
    res.on('data', (c) => (body += c))
    res.on('end', () => resolve(`${res.statusCode} ${body}`))
  }).on('error', reject)
})

async function main() {
  const app = await NestFactory.create(AppModule, new ExpressAdapter(), { logger: false })
  await app.listen(0, '127.0.0.1')
  const { port } = app.getHttpServer().address()
  console.log(await get(port, '/cats/tom'))
  console.log(await get(port, '/cats/none'))
  await app.close()
  console.log('closed')
}
main()
