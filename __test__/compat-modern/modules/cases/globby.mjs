import { globby, globbySync, isDynamicPattern } from 'globby'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'globby-'))
for (const file of ['a.js', 'b.ts', 'sub/c.js', 'sub/deep/d.js', 'ignored/e.js']) {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
  fs.writeFileSync(path.join(dir, file), '')
}
fs.writeFileSync(path.join(dir, '.gitignore'), 'ignored\n')
console.log((await globby('**/*.js', { cwd: dir, gitignore: true })).sort().join(','))
console.log(globbySync(['**/*', '!**/*.js'], { cwd: dir }).sort().join(','))
console.log(isDynamicPattern('*.js'), isDynamicPattern('a.js'))
fs.rmSync(dir, { recursive: true, force: true })
