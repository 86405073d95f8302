const NodeCache = require('node-cache')
const cache = new NodeCache({ stdTTL: 0, checkperiod: 0, useClones: true })
const obj = { a: 1 }
cache.set('k', obj)
obj.a = 2
console.log(cache.get('k').a, cache.has('k'), cache.keys().join(','), cache.del('k'), cache.get('k'))
console.log(JSON.stringify(cache.getStats()))
cache.close()
