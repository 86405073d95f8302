'use strict'
// Loads the Rust core: the binary built in this package (lib/lavamoat.<platform>.node) when
// there is one, else the prebuilt platform package of the same version.

const fs = require('node:fs')
const path = require('node:path')
const { version } = require('../package.json')
const { platformSuffixes, localBinaryName } = require('./platform')

function load() {
  const failures = []
  const suffixes = platformSuffixes()
  for (const suffix of suffixes) {
    const local = path.join(__dirname, localBinaryName(suffix))
    if (!fs.existsSync(local)) continue
    try {
      return require(local)
    } catch (err) {
      failures.push(`${local}: ${err.message}`)
    }
  }
  for (const suffix of suffixes) {
    const name = `@lavamoat-rs/core-${suffix}`
    try {
      // A platform package of another version would speak another binding protocol.
      const found = require(`${name}/package.json`).version
      if (found !== version) {
        failures.push(`${name}@${found} does not match lavamoat@${version}`)
        continue
      }
      return require(name)
    } catch (err) {
      if (err.code !== 'MODULE_NOT_FOUND') failures.push(`${name}: ${err.message}`)
    }
  }
  const err = new Error(
    `lavamoat: the Rust core is not built for ${suffixes[0]}.\n` +
      'Build it with `npm rebuild lavamoat` (needs Rust\'s cargo, from https://rustup.rs).' +
      failures.map((line) => `\n  ${line}`).join('')
  )
  err.code = 'LAVAMOAT_NATIVE_MISSING'
  throw err
}

module.exports = load()
