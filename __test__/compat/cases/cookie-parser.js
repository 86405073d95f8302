const cookieParser = require('cookie-parser')
const req = { headers: { cookie: 'a=1; b=j%3A%7B%22x%22%3A2%7D; s=s%3Av1.bad' } }
cookieParser('secret')(req, {}, () => console.log(JSON.stringify(req.cookies), JSON.stringify(req.signedCookies)))
console.log(cookieParser.JSONCookie('j:[1,2]').length, cookieParser.signedCookie('plain', 'secret'))
