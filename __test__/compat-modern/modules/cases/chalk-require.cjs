// require(esm): chalk 5 is ESM-only, required from CommonJS (Node 20.19+ and 22.12+).
const chalkModule = require('chalk')
const { Chalk } = chalkModule
console.log(Object.keys(chalkModule).sort().join(','))
console.log(JSON.stringify(new Chalk({ level: 1 }).green('ok')), typeof chalkModule.default.level)
