const ini = require('ini')
const config = ini.parse('; comment\nscope = global\n[database]\nuser = dbuser\npassword = "x y"\n[paths.default]\ndatadir = /var/lib\n')
console.log(JSON.stringify(config))
console.log(ini.stringify({ a: 1, section: { b: 'c' } }))
