const CleanCSS = require('clean-css')
const out = new CleanCSS({ level: 2 }).minify('a { color: #ff0000; margin: 0px 0px 0px 0px } a { padding: 0 }\n.b{}')
console.log(out.styles, out.errors.length, out.warnings.length)
