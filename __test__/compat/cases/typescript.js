const ts = require('typescript')
const out = ts.transpileModule('enum E { A, B }\nexport const f = (x: number): E => x as E\nclass C { constructor(private y: string) {} }\n', { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019 } })
console.log(out.outputText)
console.log(ts.version.split('.')[0])
