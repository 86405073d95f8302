const esbuild = require('esbuild')
const out = esbuild.transformSync('const x: number = 1\nexport default <div>{x}</div>', { loader: 'tsx', format: 'cjs', jsxFactory: 'h' })
console.log(out.code)
esbuild.transform('let a = 1 ?? 2', { minify: true, target: 'es2015' }).then((r) => console.log(r.code.trim()))
