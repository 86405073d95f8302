import { findUp, findUpSync, pathExists } from 'find-up'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'find-up-'))
fs.mkdirSync(path.join(dir, 'a', 'b', 'c'), { recursive: true })
fs.writeFileSync(path.join(dir, 'a', 'marker.json'), '{}')
const from = path.join(dir, 'a', 'b', 'c')
console.log(path.relative(dir, await findUp('marker.json', { cwd: from })))
console.log(findUpSync('nothing-here.json', { cwd: from, stopAt: dir }))
console.log(path.relative(dir, await findUp((directory) => (path.basename(directory) === 'b' ? directory : undefined), { cwd: from, type: 'directory' })))
console.log(await pathExists(path.join(dir, 'a')))
fs.rmSync(dir, { recursive: true, force: true })
