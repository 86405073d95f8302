const parser = require('@babel/parser')
const ast = parser.parse('import x from "y"; export const a = <div>{x?.b}</div> as any', { sourceType: 'module', plugins: ['jsx', 'typescript'] })
console.log(ast.program.body.map((n) => n.type).join(','), ast.program.body[1].declaration.declarations[0].init.type)
