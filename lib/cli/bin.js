'use strict'
// `lavamoat --bin <name>`: the file `npx <name>` runs in the project, so a tool (eslint, tsc,
// jest) runs as the entry, under its package's policy.

const fs = require('node:fs')
const path = require('node:path')

/**
 * The file of the bin `name` installed in `projectRoot`: the target of
 * `node_modules/.bin/<name>` when that is a symlink (npm on Unix), else the file a `bin` field
 * declares under that name, in the project's package.json or a package of `node_modules`
 * (where `.bin` holds shell or cmd shims: pnpm, Windows). The path stays inside
 * `node_modules` even when the package is a link to a folder elsewhere (`file:`, workspaces):
 * the entry must be under the project root, where its package gets its name.
 * @param {string} name
 * @param {string} projectRoot absolute
 */
function resolveBin(name, projectRoot) {
  if (typeof name !== 'string' || name === '' || name === '.' || name === '..' || /[\\/]/.test(name)) {
    throw binError('LAVAMOAT_BIN_NAME', `--bin takes the name of a bin (as for npx), not a path: ${JSON.stringify(name)}`)
  }
  const nodeModules = path.join(projectRoot, 'node_modules')
  const linked = symlinkTarget(path.join(nodeModules, '.bin', name))
  if (linked !== undefined) return linked
  // Keyed by real path: a workspace declares its bin both as itself and as its link.
  const declared = new Map()
  for (const dir of [projectRoot, ...packageDirs(nodeModules)]) {
    const file = declaredBin(dir, name)
    if (file === undefined) continue
    const real = fs.realpathSync(file)
    if (!declared.has(real)) declared.set(real, { file, dir })
  }
  const found = [...declared.values()]
  if (found.length === 1) return found[0].file
  if (found.length > 1) {
    const packages = found.map(({ dir }) => path.relative(projectRoot, dir) || 'package.json').join(', ')
    throw binError('LAVAMOAT_BIN_AMBIGUOUS', `bin "${name}" is declared by several packages (${packages}); run its file as the entry instead`)
  }
  throw binError(
    'LAVAMOAT_BIN_NOT_FOUND',
    `no bin "${name}" in ${projectRoot}: no symlink ${path.join('node_modules', '.bin', name)}, and no "bin" field ` +
      'of package.json or of a package in node_modules declares it (is the package installed?)',
  )
}

/** Where the symlink `link` points (one level), if it is one and that file exists. */
function symlinkTarget(link) {
  try {
    if (!fs.lstatSync(link).isSymbolicLink()) return undefined
    const target = path.resolve(path.dirname(link), fs.readlinkSync(link))
    // A dangling link: the bin fields may still name the file.
    return fs.statSync(target).isFile() ? target : undefined
  } catch {
    return undefined
  }
}

/** Package directories directly in `node_modules`, scoped ones included. */
function packageDirs(nodeModules) {
  const dirs = []
  for (const entry of readDirNames(nodeModules)) {
    if (entry.startsWith('.')) continue
    const dir = path.join(nodeModules, entry)
    if (entry.startsWith('@')) {
      for (const scoped of readDirNames(dir)) dirs.push(path.join(dir, scoped))
    } else {
      dirs.push(dir)
    }
  }
  return dirs
}

function readDirNames(dir) {
  try {
    return fs.readdirSync(dir).sort()
  } catch {
    return []
  }
}

/** The file the package in `dir` declares as bin `name`, if it exists. */
function declaredBin(dir, name) {
  let manifest
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
  } catch {
    return undefined
  }
  const bin = manifest?.bin
  let relative
  if (typeof bin === 'string') {
    // The string form names the bin after the package, without its scope (as npm links it).
    if (typeof manifest.name === 'string' && manifest.name.replace(/^@[^/]+\//, '') === name) relative = bin
  } else if (bin && typeof bin === 'object' && Object.prototype.hasOwnProperty.call(bin, name)) {
    relative = bin[name]
  }
  if (typeof relative !== 'string') return undefined
  const file = path.resolve(dir, relative)
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? file : undefined
}

function binError(code, message) {
  return Object.assign(new Error(message), { code })
}

module.exports = { resolveBin }
