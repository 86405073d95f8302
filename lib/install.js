'use strict'
// `npm install` hook: makes sure the Rust core loads, and builds it from source when no binary
// for this machine does (a fresh clone, or the package installed where no prebuilt platform
// package exists). Only cargo and the crate registry are used: nothing is downloaded besides.

const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const { platformSuffixes, localBinaryName } = require('./platform')

const packageRoot = path.join(__dirname, '..')
const { version } = require('../package.json')

function coreLoads() {
  // A fresh process: a failed require would otherwise stay cached in this one.
  const probe = spawnSync(
    process.execPath,
    ['-e', `process.exit(require(${JSON.stringify(path.join(__dirname, 'native.js'))}).coreVersion() === ${JSON.stringify(version)} ? 0 : 1)`],
    { stdio: 'ignore' }
  )
  return probe.status === 0
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: packageRoot, stdio: 'inherit' })
  if (result.error) throw result.error
  if (result.status !== 0) {
    throw new Error(`lavamoat: \`${command} ${args.join(' ')}\` failed (exit ${result.status})`)
  }
}

function hasCargo() {
  return !spawnSync('cargo', ['--version'], { stdio: 'ignore' }).error
}

/** A development checkout has the napi-rs CLI: it builds and names the binary itself. */
function napiCli() {
  try {
    const manifest = require.resolve('@napi-rs/cli/package.json', { paths: [packageRoot] })
    const { bin } = require(manifest)
    return path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin.napi)
  } catch {
    return null
  }
}

/** Where cargo puts the cdylib, by the platform's naming of shared libraries. */
function cargoArtifact(targetDir) {
  const file = { win32: 'lavamoat.dll', darwin: 'liblavamoat.dylib' }[process.platform] ?? 'liblavamoat.so'
  return path.join(targetDir, 'release', file)
}

function build() {
  const cli = napiCli()
  if (cli) {
    run(process.execPath, [cli, 'build', '--platform', '--release', '--features', 'napi', '--output-dir', 'lib', '--no-js', '--dts', 'native.d.ts'])
    return
  }
  const ownTarget = path.join(packageRoot, 'target')
  const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : ownTarget
  run('cargo', ['build', '--release', '--locked', '--features', 'napi'])
  fs.copyFileSync(cargoArtifact(targetDir), path.join(__dirname, localBinaryName(platformSuffixes()[0])))
  // The intermediate build files of an installed package are hundreds of megabytes of no use.
  if (targetDir === ownTarget) fs.rmSync(ownTarget, { recursive: true, force: true })
}

function main() {
  if (coreLoads()) return
  if (!hasCargo()) {
    console.error(
      `lavamoat: there is no prebuilt Rust core for ${platformSuffixes()[0]}, and \`cargo\` is not ` +
        'installed to build one.\nInstall Rust (https://rustup.rs), then run `npm rebuild lavamoat`.'
    )
    process.exit(1)
  }
  console.error('lavamoat: building the Rust core from source (a few minutes, once)...')
  build()
  if (!coreLoads()) {
    console.error('lavamoat: the Rust core was built but does not load; see the output above.')
    process.exit(1)
  }
}

try {
  main()
} catch (err) {
  console.error(err.message)
  process.exit(1)
}
