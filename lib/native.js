'use strict'
// Loads the Rust core: the binary built in this package (lib/lavamoat.<platform>.node) when
// there is one, else the prebuilt platform package of the same version.

const fs = require('node:fs')
const path = require('node:path')
const { version, optionalDependencies = {} } = require('../package.json')
const { platformSuffixes, exactSuffix, localBinaryName, platformPackageName } = require('./platform')

// lib/ holds a binary built from source; the package root, the copy napi-postinstall makes
// when it installs a missing platform package (lib/install.js), the only one when it had to
// download the binary alone.
const localDirs = [__dirname, path.join(__dirname, '..')]

function nativeError(code, message, failures) {
  const err = new Error(message + failures.map((line) => `\n  ${line}`).join(''))
  err.code = code
  return err
}

function load() {
  const failures = []
  const suffixes = platformSuffixes()
  for (const suffix of suffixes) {
    for (const dir of localDirs) {
      const local = path.join(dir, localBinaryName(suffix))
      if (!fs.existsSync(local)) continue
      try {
        return require(local)
      } catch (err) {
        failures.push(`${local}: ${err.message}`)
      }
    }
  }
  for (const suffix of suffixes) {
    const name = platformPackageName(suffix)
    let manifest
    try {
      manifest = require.resolve(`${name}/package.json`)
    } catch {
      continue
    }
    // A platform package of another version would speak another binding protocol.
    const found = require(manifest).version
    if (found !== version) {
      throw nativeError(
        'LAVAMOAT_NATIVE_VERSION_MISMATCH',
        `the Rust core ${name}@${found} (in ${path.dirname(manifest)}) does not match lavamoat@${version}: ` +
          `the two must be the same version.\nReinstall lavamoat@${version}, which brings ${name}@${version}; ` +
          `if your package.json lists ${name} itself, make it ${version}.`,
        failures
      )
    }
    try {
      return require(name)
    } catch (err) {
      failures.push(`${name}: ${err.message}`)
    }
  }
  const machine = exactSuffix()
  // napi prepublish lists the platforms that have a prebuilt core as optional dependencies.
  const prebuilt = platformPackageName(machine)
  if (optionalDependencies[prebuilt]) {
    throw nativeError(
      'LAVAMOAT_NATIVE_MISSING',
      `the Rust core of lavamoat@${version} for this machine, ${prebuilt}@${version}, is not installed ` +
        '(npm leaves optional dependencies out with --omit=optional, and may when the lockfile was ' +
        'written on another platform).\nInstall it with `npm rebuild lavamoat --ignore-scripts=false`.',
      failures
    )
  }
  throw nativeError(
    'LAVAMOAT_NATIVE_MISSING',
    `there is no prebuilt Rust core of lavamoat@${version} for ${machine}.\n` +
      'Build it from source with `npm rebuild lavamoat` (needs Rust\'s cargo, from https://rustup.rs).',
    failures
  )
}

module.exports = load()
