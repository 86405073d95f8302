import Conf from 'conf'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'conf-'))
const config = new Conf({ projectName: 'compat', cwd, schema: { count: { type: 'number', default: 1 } } })
config.set('unicorn', '🦄')
config.set('nested.deep', [1, 2])
config.set('count', config.get('count') + 1)
console.log(config.get('unicorn'), JSON.stringify(config.get('nested')), config.get('count'), config.size)
try { config.set('count', 'x') } catch (e) { console.log(e.message.split('\n')[0]) }
console.log(path.basename(config.path), JSON.stringify(JSON.parse(fs.readFileSync(config.path, 'utf8'))))
config.delete('unicorn')
console.log(config.has('unicorn'))
fs.rmSync(cwd, { recursive: true, force: true })
