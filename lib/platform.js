'use strict'
// Names of the Rust core's binary for this machine, shared by the loader and the installer.

const { napi } = require('../package.json')

/**
 * napi-rs platform suffixes this machine may load, most likely first. On Linux glibc is tried
 * before musl: a binary for the wrong libc fails to load and the next one is tried, which is
 * cheaper than asking for a process report to find out.
 */
function platformSuffixes() {
  const { platform, arch } = process
  if (platform === 'linux') return [`linux-${arch}-gnu`, `linux-${arch}-musl`]
  if (platform === 'win32') return [`win32-${arch}-msvc`]
  return [`${platform}-${arch}`]
}

/**
 * The one suffix of this machine, for messages about a core that did not load. On Linux it
 * asks which C library this Node uses (a process report: slow, so only where loading failed).
 */
function exactSuffix() {
  const [gnu, musl] = platformSuffixes()
  if (process.platform !== 'linux') return gnu
  return process.report.getReport().header.glibcVersionRuntime ? gnu : musl
}

/** File name the local build of the core gets in lib/. */
const localBinaryName = (suffix) => `lavamoat.${suffix}.node`

/** The npm package of the prebuilt core for a platform (published from npm/<suffix>/). */
const platformPackageName = (suffix) => `${napi.packageName}-${suffix}`

module.exports = { platformSuffixes, exactSuffix, localBinaryName, platformPackageName }
