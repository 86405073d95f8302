import envPaths from 'env-paths'
import os from 'node:os'
const paths = envPaths('my-app', { suffix: 'nodejs' })
const home = os.homedir()
for (const [name, value] of Object.entries(paths).sort()) console.log(name, value.startsWith(home) || value.startsWith(os.tmpdir()), value.includes('my-app-nodejs'))
