'use strict'
// The JS-side memory of the Rust resolver and package index. A `require` already seen from
// a directory must not cross into Rust again: results are kept per requiring package and
// directory, and package names per directory (a file's package depends only on its
// directory).

const path = require('node:path')

class ResolutionCache {
  /**
   * @param {{ resolve(fromDir: string, request: string, parentPackage?: string, kind?: string): string }} resolver
   * @param {{ packageNameForPath(file: string): string, packageNameForImport(file: string, importer: string, request: string, fromDir: string): string }} packageIndex
   */
  constructor(resolver, packageIndex) {
    this.resolver = resolver
    this.packageIndex = packageIndex
    /** parent package -> directory -> request -> resolved */
    this.resolved = new Map()
    /** directory -> canonical package name */
    this.packageNames = new Map()
  }

  /**
   * A builtin id as requested, or the real absolute path (throws MODULE_NOT_FOUND).
   * @param {'require' | 'import'} [kind]
   */
  resolve(fromDir, request, parentPackage, kind = 'require') {
    let byDir = this.resolved.get(parentPackage)
    if (byDir === undefined) {
      byDir = new Map()
      this.resolved.set(parentPackage, byDir)
    }
    let byRequest = byDir.get(fromDir)
    if (byRequest === undefined) {
      byRequest = new Map()
      byDir.set(fromDir, byRequest)
    }
    // `exports` conditions differ: an import is another request than a require.
    const key = kind === 'import' ? `import\0${request}` : request
    let result = byRequest.get(key)
    if (result === undefined) {
      result = this.resolver.resolve(fromDir, request, parentPackage, kind)
      byRequest.set(key, result)
    }
    return result
  }

  /**
   * The canonical name of the package owning `file`; `importer`, `request` and `fromDir`,
   * when given, say who required it, so that a file of no known package is reported as an
   * undeclared dependency of the importer when it is one.
   */
  packageNameFor(file, importer, request, fromDir) {
    const dir = path.dirname(file)
    let name = this.packageNames.get(dir)
    if (name === undefined) {
      name = importer === undefined
        ? this.packageIndex.packageNameForPath(file)
        : this.packageIndex.packageNameForImport(file, importer, request, fromDir)
      this.packageNames.set(dir, name)
    }
    return name
  }
}

module.exports = { ResolutionCache }
