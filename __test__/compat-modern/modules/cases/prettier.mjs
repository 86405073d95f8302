import * as prettier from 'prettier'
console.log(await prettier.format('const a = {b:1,c:[1,2,3]}; function f ( x ) { return x+1 }', { parser: 'babel' }))
console.log(await prettier.format('a{color:red;background:blue}', { parser: 'css' }))
console.log(await prettier.format('{"a":1,"b":[true,null]}', { parser: 'json' }))
console.log(await prettier.check('const a = 1;\n', { parser: 'babel' }))
