import * as esbuild from 'esbuild-wasm'
const result = await esbuild.transform('const add = (a: number, b: number): number => a + b\nexport default add', { loader: 'ts', format: 'cjs' })
console.log(result.code)
const sync = esbuild.transformSync('let x = a ?? b', { target: 'es2019', minify: true })
console.log(sync.code)
try { await esbuild.transform('let = ;') } catch (e) { console.log(e.errors.length, e.errors[0].text) }
await esbuild.stop()
