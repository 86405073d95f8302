'use strict'
// Names of the Rust core's binary for this machine, shared by the loader and the installer.

const fs = require('node:fs')
const { napi } = require('../package.json')

/** The C library of this Linux as /usr/bin/ldd names it (a script on glibc and musl). */
function readLdd() {
  try {
    return fs.readFileSync('/usr/bin/ldd', 'utf8')
  } catch {
    return null
  }
}

/** Node's diagnostic report of this process, or null where Node has none. */
function processReport() {
  if (typeof process.report?.getReport !== 'function') return null
  // Without the network part the report is quicker, and has all that is read here.
  process.report.excludeNetwork = true
  return process.report.getReport()
}

/**
 * Whether this Linux runs on musl (Alpine) rather than glibc, found as napi-rs's generated
 * loaders find it: /usr/bin/ldd first (a file read, well under a millisecond), else Node's
 * process report (several milliseconds), whose header names the glibc version Node runs with
 * and whose shared objects name musl's loader. Neither telling, glibc: the common case.
 */
function isMusl({ ldd = readLdd, report = processReport } = {}) {
  const script = ldd()
  if (script != null) return script.includes('musl')
  const found = report()
  if (!found) return false
  if (found.header?.glibcVersionRuntime) return false
  return (found.sharedObjects ?? []).some((file) => file.includes('libc.musl-') || file.includes('ld-musl-'))
}

let thisMachineIsMusl
/** isMusl() of this process, asked once. */
function machineIsMusl() {
  thisMachineIsMusl ??= isMusl()
  return thisMachineIsMusl
}

/**
 * napi-rs platform suffixes a machine may load, most likely first: on Linux the C library
 * found (machineIsMusl) first and the other after it, which loads where the finding was wrong.
 * The defaults are this machine; tests pass another one.
 */
function platformSuffixes({ platform = process.platform, arch = process.arch, musl } = {}) {
  if (platform === 'linux') {
    const libcs = (musl ?? machineIsMusl()) ? ['musl', 'gnu'] : ['gnu', 'musl']
    return libcs.map((libc) => `linux-${arch}-${libc}`)
  }
  if (platform === 'win32') return [`win32-${arch}-msvc`]
  return [`${platform}-${arch}`]
}

/** The one suffix of a machine (by default this one): its prebuilt core and local build. */
const exactSuffix = (machine) => platformSuffixes(machine)[0]

/** File name the local build of the core gets in lib/. */
const localBinaryName = (suffix) => `lavamoat.${suffix}.node`

/** The npm package of the prebuilt core for a platform (published from npm/<suffix>/). */
const platformPackageName = (suffix) => `${napi.packageName}-${suffix}`

module.exports = { isMusl, platformSuffixes, exactSuffix, localBinaryName, platformPackageName }
