'use strict'
// Which of Node's formats a file is loaded as: `.mjs` is an ES module, `.cjs` CommonJS, and a
// `.js` file is an ES module when the nearest package.json says `"type": "module"`, as Node
// decides it. (Node 22+ also runs an ambiguous `.js` file that uses import/export syntax as a
// module; here such a file is CommonJS and fails at its first `import`.)

const fs = require('node:fs')
const path = require('node:path')

/** directory -> "module" | "commonjs" */
const typeByDir = new Map()

function packageTypeOf(dir) {
  const known = typeByDir.get(dir)
  if (known !== undefined) return known
  let type = 'commonjs'
  const manifest = path.join(dir, 'package.json')
  let text
  try {
    text = fs.readFileSync(manifest, 'utf8')
  } catch {
    text = undefined
  }
  if (text !== undefined) {
    try {
      if (JSON.parse(text).type === 'module') type = 'module'
    } catch {
      // A package.json that does not parse is reported where packages are indexed.
    }
  } else {
    const parent = path.dirname(dir)
    if (parent !== dir && path.basename(dir) !== 'node_modules') type = packageTypeOf(parent)
  }
  typeByDir.set(dir, type)
  return type
}

/** @returns {'esm' | 'commonjs' | 'json' | 'native'} */
function moduleFormat(file) {
  const extension = path.extname(file)
  if (extension === '.mjs') return 'esm'
  if (extension === '.cjs') return 'commonjs'
  if (extension === '.json') return 'json'
  if (extension === '.node') return 'native'
  return extension === '.js' && packageTypeOf(path.dirname(file)) === 'module' ? 'esm' : 'commonjs'
}

module.exports = { moduleFormat }
