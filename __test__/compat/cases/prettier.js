const prettier = require('prettier')
console.log(prettier.format('const a={b:1,c:[1,2,3]};function f(x){return x*2}', { parser: 'babel', semi: false, singleQuote: true }))
console.log(prettier.format('a{color:red;margin:0}', { parser: 'css' }))
