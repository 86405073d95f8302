'use strict'
// `npm install` hook: makes sure the Rust core loads. When npm left the prebuilt platform
// package out, napi-postinstall installs it; when there is none for this machine (or in a fresh
// clone), the core is built from source with cargo, where cargo exists.

const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const { checkAndPreparePackage } = require('napi-postinstall')
const { exactSuffix, localBinaryName } = require('./platform')

const packageRoot = path.join(__dirname, '..')
const manifest = require('../package.json')

/** Why the Rust core does not load (the loader's message), or null when it loads. */
function coreProblem() {
  // A fresh process: a failed require would otherwise stay cached in this one.
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `try {
        const found = require(${JSON.stringify(path.join(__dirname, 'native.js'))}).coreVersion()
        if (found !== ${JSON.stringify(manifest.version)}) throw new Error('the Rust core built is version ' + found)
      } catch (err) {
        process.stderr.write(err.message)
        process.exit(1)
      }`,
    ],
    { encoding: 'utf8' }
  )
  return probe.status === 0 ? null : probe.stderr
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
  fs.copyFileSync(cargoArtifact(targetDir), path.join(__dirname, localBinaryName(exactSuffix())))
  // The intermediate build files of an installed package are hundreds of megabytes of no use.
  if (targetDir === ownTarget) fs.rmSync(ownTarget, { recursive: true, force: true })
}

async function main() {
  if (!coreProblem()) return
  // npm leaves the platform package out with --omit=optional and, because of npm/cli#4828,
  // when the lockfile was written on another platform. napi-postinstall installs the one that
  // package.json lists for this machine (napi prepublish lists them); a platform without one,
  // or a development checkout, which lists none, gets nothing from it.
  try {
    await checkAndPreparePackage(manifest, true)
  } catch (err) {
    console.error(`lavamoat: installing the prebuilt Rust core failed: ${err.message}`)
  }
  const problem = coreProblem()
  if (!problem) return
  if (!hasCargo()) {
    console.error(`lavamoat: ${problem}`)
    process.exit(1)
  }
  console.error('lavamoat: building the Rust core from source (a few minutes, once)...')
  build()
  if (coreProblem()) {
    console.error('lavamoat: the Rust core was built but does not load; see the output above.')
    process.exit(1)
  }
}

main().catch((err) => {
  console.error(err.message)
  process.exit(1)
})
