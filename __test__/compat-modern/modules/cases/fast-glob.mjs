import fg from 'fast-glob'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fast-glob-'))
for (const file of ['a.md', 'b.md', 'x/c.md', 'x/d.txt']) {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
  fs.writeFileSync(path.join(dir, file), file)
}
console.log((await fg('**/*.md', { cwd: dir })).sort().join(','))
console.log(fg.sync('*', { cwd: dir, onlyDirectories: true }).join(','))
const entries = await fg('x/*', { cwd: dir, stats: true })
console.log(entries.map((entry) => `${entry.name}:${entry.stats.size}`).sort().join(','))
fs.rmSync(dir, { recursive: true, force: true })
