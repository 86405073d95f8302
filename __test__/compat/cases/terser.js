const { minify } = require('terser')
minify('function add(first, second) { var unused = 1; return first + second } console.log(add(1, 2))', { mangle: { toplevel: true }, compress: { passes: 2 } })
  .then((r) => console.log(r.code))
