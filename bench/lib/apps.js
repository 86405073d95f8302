'use strict'
// The apps of the runtime section. `marked` is a real package, installed from
// bench/apps/marked's lockfile; the others are generated into results/apps/ on every run
// (cheap, and always what this file says).

const fs = require('node:fs')
const path = require('node:path')

const { appsDir, generatedAppsDir } = require('./paths')
const { installProject } = require('./install')

const HOT_LOOP_ITERATIONS = 3e7
const TINY_PACKAGE_COUNT = 100

function writeFiles(root, files) {
  fs.rmSync(root, { recursive: true, force: true })
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.writeFileSync(target, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`)
  }
  return root
}

/** A project whose entry `app.js` depends on the given generated packages. */
function generatedApp(name, appSource, packages = {}) {
  const files = {
    'package.json': {
      name: `bench-${name}`,
      version: '1.0.0',
      private: true,
      dependencies: Object.fromEntries(Object.keys(packages).map((pkg) => [pkg, '1.0.0'])),
    },
    'app.js': `'use strict'\n${appSource}`,
  }
  for (const [pkg, source] of Object.entries(packages)) {
    files[`node_modules/${pkg}/package.json`] = { name: pkg, version: '1.0.0', main: 'index.js' }
    files[`node_modules/${pkg}/index.js`] = `'use strict'\n${source}`
  }
  return writeFiles(path.join(generatedAppsDir, name), files)
}

function tinyPackageNames() {
  return Array.from({ length: TINY_PACKAGE_COUNT }, (_, i) => `tiny-${String(i).padStart(3, '0')}`)
}

/** `[{ name, title, dir, entry }]`, ready to run. */
function runtimeApps() {
  const markedDir = path.join(appsDir, 'marked')
  installProject(markedDir)
  const tiny = tinyPackageNames()
  return [
    {
      name: 'hot-loop',
      title: `Math.max x${HOT_LOOP_ITERATIONS} in a dependency`,
      dir: generatedApp('hot-loop', `console.log(require('hot-loop')(${HOT_LOOP_ITERATIONS}))\n`, {
        'hot-loop': [
          'module.exports = function spin(iterations) {',
          '  let best = 0',
          '  for (let i = 0; i < iterations; i++) best = Math.max(best, i % 1000)',
          '  return best',
          '}',
          '',
        ].join('\n'),
      }),
    },
    { name: 'marked', title: 'marked parses a document x20', dir: markedDir },
    {
      name: 'many-packages',
      title: `start, requiring ${TINY_PACKAGE_COUNT} tiny packages`,
      dir: generatedApp(
        'many-packages',
        `const loaded = [\n${tiny.map((pkg) => `  require('${pkg}'),`).join('\n')}\n]\nconsole.log(loaded.length)\n`,
        Object.fromEntries(tiny.map((pkg, i) => [pkg, `module.exports = { name: '${pkg}', index: ${i} }\n`]))
      ),
    },
    { name: 'empty', title: 'empty app: fixed start cost', dir: generatedApp('empty', '') },
  ].map((app) => ({ entry: 'app.js', ...app }))
}

module.exports = { runtimeApps }
