const cookie = require('cookie')
console.log(JSON.stringify(cookie.parse('foo=bar; equation=E%3Dmc%5E2')))
console.log(cookie.serialize('name', 'va lue', { httpOnly: true, maxAge: 60, path: '/', sameSite: 'strict' }))
