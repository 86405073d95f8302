const { pathToRegexp, match, compile } = require('path-to-regexp')
const keys = []
console.log(pathToRegexp('/user/:id/:op?', keys).source, keys.map((k) => k.name).join(','))
console.log(JSON.stringify(match('/user/:id')('/user/42').params), compile('/u/:id')({ id: 'a b' }))
