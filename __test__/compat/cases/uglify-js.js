const UglifyJS = require('uglify-js')
const r = UglifyJS.minify({ 'a.js': 'function hello(name) { var greeting = "hi " + name; return greeting }\nconsole.log(hello("x"))' }, { toplevel: true })
console.log(r.error, r.code)
