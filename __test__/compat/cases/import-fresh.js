// Load a module twice, each time evaluated anew (its own state), as config loaders do.
const importFresh = require('import-fresh')

const first = importFresh('./fixtures/counter.js')
first.next()
first.next()
const second = importFresh('./fixtures/counter.js')
console.log(first.next(), second.next(), first === second)
