// prettier 3's file APIs from an ES module: config resolution, ignore files, inferred parsers.
import * as prettier from 'prettier'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prettier-'))
fs.writeFileSync(path.join(dir, '.prettierrc.json'), JSON.stringify({ semi: false, singleQuote: true, overrides: [{ files: '*.ts', options: { tabWidth: 4 } }] }))
fs.writeFileSync(path.join(dir, '.prettierignore'), 'ignored.js\n')
const file = path.join(dir, 'src', 'a.ts')
fs.mkdirSync(path.dirname(file))
const options = await prettier.resolveConfig(file)
console.log(JSON.stringify(options))
console.log(await prettier.format('function f(){ return "x" }', { ...options, filepath: file }))
console.log(JSON.stringify(await prettier.getFileInfo(path.join(dir, 'ignored.js'), { ignorePath: path.join(dir, '.prettierignore') })))
console.log(JSON.stringify(await prettier.getFileInfo(path.join(dir, 'x.md'))))
console.log(path.relative(dir, await prettier.resolveConfigFile(file)))
console.log((await prettier.getSupportInfo()).languages.length > 10)
fs.rmSync(dir, { recursive: true, force: true })
