'use strict'
// The published route: `npm pack`, install the tarball into an empty project where no prebuilt
// platform package exists, and use the command. The install builds the Rust core with cargo.

const test = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync, spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const { repoRoot } = require('./support/project')
const { makeTempDir } = require('./support/temp-dir')
const { version } = require('../package.json')

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
// The release workflow tests each prebuilt core on a machine without Rust (`npm test` always
// has cargo: it starts with `cargo test`).
const noCargo = spawnSync('cargo', ['--version'], { stdio: 'ignore' }).error && 'no cargo on PATH to build the core with'

test('npm pack, install into an empty project, npx lavamoat --help', { timeout: 900_000, skip: noCargo }, () => {
  const work = makeTempDir('lavamoat-pack-')
  const packed = JSON.parse(
    execFileSync(npm, ['pack', '--json', '--pack-destination', work], { cwd: repoRoot, encoding: 'utf8' })
  )[0]
  const packedFiles = packed.files.map((f) => f.path)
  assert.ok(packedFiles.includes('node_modules/ses/package.json'), 'ses is bundled')
  assert.ok(packedFiles.includes('Cargo.lock') && packedFiles.includes('src/lib.rs'), 'the crate sources ship')
  assert.ok(!packedFiles.some((f) => f.endsWith('.node')), 'no local binary ships in the main package')

  const app = path.join(work, 'app')
  fs.mkdirSync(app)
  fs.writeFileSync(path.join(app, 'package.json'), '{"name": "app", "private": true}')
  // Reusing the checkout's compiled dependencies keeps the build to the crate itself.
  const env = { ...process.env, CARGO_TARGET_DIR: path.join(repoRoot, 'target') }
  const install = spawnSync(npm, ['install', '--no-audit', '--no-fund', path.join(work, packed.filename)], {
    cwd: app,
    env,
    encoding: 'utf8',
  })
  assert.equal(install.status, 0, install.stderr)
  assert.ok(
    fs.readdirSync(path.join(app, 'node_modules/lavamoat/lib')).some((f) => f.endsWith('.node')),
    'the install step built the core'
  )

  const help = spawnSync(npm, ['exec', '--', 'lavamoat', '--help'], { cwd: app, encoding: 'utf8' })
  assert.equal(help.status, 0, help.stderr)
  for (const option of ['--policy', '--policyOverride', '--writeAutoPolicy', '--projectRoot', '--debugMode']) {
    assert.ok(help.stdout.includes(option), `${option} in --help`)
  }
})

test('without a prebuilt core and without cargo, install says what to install', () => {
  const copy = makeTempDir('lavamoat-nocargo-')
  // Only node itself on PATH: no cargo, no prebuilt platform package.
  const nodeOnly = makeTempDir('lavamoat-path-')
  fs.cpSync(path.join(repoRoot, 'lib'), path.join(copy, 'lib'), {
    recursive: true,
    filter: (file) => !file.endsWith('.node'),
  })
  fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(copy, 'package.json'))
  // The installed package's dependencies (napi-postinstall among them).
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'junction')
  fs.symlinkSync(process.execPath, path.join(nodeOnly, 'node'))
  const result = spawnSync(process.execPath, [path.join(copy, 'lib', 'install.js')], {
    cwd: copy,
    env: { PATH: nodeOnly },
    encoding: 'utf8',
  })
  assert.equal(result.status, 1)
  const platform = require('../lib/platform').exactSuffix()
  assert.equal(
    result.stderr,
    `lavamoat: there is no prebuilt Rust core of lavamoat@${version} for ${platform}.\n` +
      'Build it from source with `npm rebuild lavamoat` (needs Rust\'s cargo, from https://rustup.rs).\n'
  )
})
