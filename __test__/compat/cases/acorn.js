const acorn = require('acorn')
const ast = acorn.parse('const f = async (a, ...b) => { for await (const x of a) yield* b }'.replace('yield* b', 'await b'), { ecmaVersion: 2022 })
console.log(ast.body[0].type, ast.body[0].declarations[0].init.type, ast.end)
try { acorn.parse('let = ;', { ecmaVersion: 2020 }) } catch (e) { console.log(e.name, e.message) }
