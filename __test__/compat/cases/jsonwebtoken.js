const jwt = require('jsonwebtoken')
const token = jwt.sign({ sub: 'lava', iat: 1000000000, exp: 4000000000 }, 'shh', { algorithm: 'HS256' })
console.log(token)
console.log(JSON.stringify(jwt.verify(token, 'shh')))
try { jwt.verify(token, 'wrong') } catch (e) { console.log(e.name, e.message) }
console.log(JSON.stringify(jwt.decode(token, { complete: true }).header))
