import swc from '@swc/wasm'
const out = swc.transformSync('const f = (x: number): number => x * 2; export { f }', {
  filename: 'a.ts',
  jsc: { parser: { syntax: 'typescript' }, target: 'es5' },
  module: { type: 'commonjs' },
})
console.log(out.code)
const ast = swc.parseSync('let a = 1', { syntax: 'ecmascript' })
console.log(ast.type, ast.body[0].type)
console.log(swc.minifySync('function add(first, second) { return first + second }', { compress: true, mangle: true }).code)
