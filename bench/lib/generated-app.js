'use strict'
// Apps the bench writes itself into results/apps/ on every run (cheap, and always what the
// source says): an entry `app.js` and its dependencies, each one `index.js`.

const fs = require('node:fs')
const path = require('node:path')

const { generatedAppsDir } = require('./paths')

function writeFiles(root, files) {
  fs.rmSync(root, { recursive: true, force: true })
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.writeFileSync(target, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`)
  }
  return root
}

/**
 * A project whose entry `app.js` runs `appSource` and depends on `packages`.
 * @param {string} name
 * @param {string} appSource
 * @param {Record<string, string>} [packages] package name -> source of its index.js
 * @param {{ esm?: boolean, extraFiles?: Record<string, string> }} [options] esm: the app and its
 *   packages are ES modules; extraFiles: more files (path -> content), a package's besides index.js
 * @returns {string} the project directory
 */
function generatedApp(name, appSource, packages = {}, { esm = false, extraFiles = {} } = {}) {
  const type = esm ? { type: 'module' } : {}
  const files = {
    'package.json': {
      name: `bench-${name}`,
      version: '1.0.0',
      private: true,
      ...type,
      dependencies: Object.fromEntries(Object.keys(packages).map((pkg) => [pkg, '1.0.0'])),
    },
    'app.js': `'use strict'\n${appSource}`,
  }
  for (const [pkg, source] of Object.entries(packages)) {
    files[`node_modules/${pkg}/package.json`] = { name: pkg, version: '1.0.0', main: 'index.js', ...type }
    files[`node_modules/${pkg}/index.js`] = `'use strict'\n${source}`
  }
  return writeFiles(path.join(generatedAppsDir, name), { ...files, ...extraFiles })
}

/**
 * App source that prints the value of `call` and, for the bench, how long the call took by the
 * app's own clock: the loop's cost without the runtime's start (lib/measure.js reads it).
 */
function workTimedCall(call) {
  return [
    'const started = process.hrtime.bigint()',
    `const result = ${call}`,
    'const workMs = Number(process.hrtime.bigint() - started) / 1e6',
    'console.log(result)',
    'console.log(`bench-work-ms: ${workMs}`)',
    '',
  ].join('\n')
}

module.exports = { generatedApp, workTimedCall }
