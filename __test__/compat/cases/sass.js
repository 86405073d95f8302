const sass = require('sass')
const r = sass.compileString('$c: red;\n.a { .b { color: $c; } &:hover { color: darken($c, 10%) } }\n@mixin m($x) { width: $x }\n.c { @include m(10px * 2) }', { style: 'expanded', logger: sass.Logger.silent })
console.log(r.css)
