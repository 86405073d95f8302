'use strict'
// The published route without Rust: lavamoat and the prebuilt platform package of this machine,
// packed as `napi prepublish` publishes them (the platform package listed as an optional
// dependency of the same version), installed from a local registry with --ignore-scripts and
// with no cargo on PATH.

const { describe, it, before, after } = require('node:test')
const assert = require('node:assert/strict')
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { repoRoot, makeProject } = require('./support/project')
const { startRegistry } = require('./support/local-registry')
const { exactSuffix, localBinaryName, platformPackageName } = require('../lib/platform')

const manifest = require('../package.json')
const lockfile = require('../package-lock.json')
const suffix = exactSuffix()
const platformPackage = platformPackageName(suffix)
const builtBinary = path.join(repoRoot, 'lib', localBinaryName(suffix))

const app = {
  'package.json': { name: 'app', private: true },
  'app.js': "console.log(require('greet')('lavamoat'))\n",
  'greet/package.json': { name: 'greet', version: '1.0.0' },
  'greet/index.js': "'use strict'\nconst path = require('node:path')\nmodule.exports = (name) => path.join('hello', name)\n",
}
const appPolicy = { resources: { greet: { builtin: { 'node:path.join': true } } } }

/** Runs a command to its end without blocking this process, which serves the registry. */
function run(command, args, { cwd, env }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

/** `npm pack` of `dir` into `destination`; returns npm's report of the tarball. */
async function pack(dir, destination, env) {
  const packed = await run('npm', ['pack', '--json', '--pack-destination', destination], { cwd: dir, env })
  assert.equal(packed.status, 0, packed.stderr)
  const [report] = JSON.parse(packed.stdout)
  return { ...report, tarball: path.join(destination, report.filename) }
}

/**
 * The environment of a user without Rust: this test's node first on PATH, no directory that
 * has cargo, npm's configuration only from here (the registry below and a cache of our own).
 */
function userEnv(work, registryUrl) {
  const bin = path.join(work, 'bin')
  fs.mkdirSync(bin)
  fs.symlinkSync(process.execPath, path.join(bin, 'node'))
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir && !fs.existsSync(path.join(dir, 'cargo')))
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)))
  return {
    ...env,
    PATH: [bin, ...dirs].join(path.delimiter),
    NO_COLOR: '1',
    npm_config_registry: registryUrl ?? 'http://127.0.0.1:9/',
    npm_config_cache: path.join(work, 'npm-cache'),
    npm_config_userconfig: path.join(work, 'no-npmrc'),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  }
}

const skip = !fs.existsSync(builtBinary) && `no built core at ${builtBinary}`

describe('installing the published packages without Rust', { skip, timeout: 120_000 }, () => {
  let work
  let registry
  let mainPacked
  let platformPacked
  let platformManifest

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'lavamoat-prebuilt-'))
    const packEnv = userEnv(work)
    assert.equal((await run('cargo', ['--version'], { env: packEnv }).catch((err) => err)).code, 'ENOENT', 'no cargo on PATH')

    // The platform package as `napi prepublish` publishes it: npm/<suffix>/ with the binary
    // under the name its `main` gives.
    const platformStage = path.join(work, 'platform')
    fs.cpSync(path.join(repoRoot, 'npm', suffix), platformStage, { recursive: true })
    platformManifest = JSON.parse(fs.readFileSync(path.join(platformStage, 'package.json'), 'utf8'))
    assert.equal(platformManifest.version, manifest.version, `npm/${suffix} has the version of lavamoat`)
    fs.copyFileSync(builtBinary, path.join(platformStage, platformManifest.main))
    platformPacked = await pack(platformStage, work, packEnv)

    // The main package with the optional dependency `napi prepublish` adds, for this platform
    // only (the others are not built here). The bundled packages (those the lockfile marks
    // inBundle) are copied from the checkout's node_modules: npm pack bundles the dependencies
    // of bundled packages only from a real directory, not through a symlinked node_modules (as
    // a git worktree may have).
    const mainStage = path.join(work, 'main')
    for (const entry of new Set(manifest.files.map((pattern) => pattern.split('/')[0]))) {
      fs.cpSync(path.join(repoRoot, entry), path.join(mainStage, entry), {
        recursive: true,
        filter: (file) => !file.endsWith('.node'),
      })
    }
    const published = { ...manifest, optionalDependencies: { [platformPackage]: manifest.version } }
    fs.writeFileSync(path.join(mainStage, 'package.json'), JSON.stringify(published, null, 2))
    for (const [where, entry] of Object.entries(lockfile.packages)) {
      if (entry.inBundle && where.lastIndexOf('node_modules/') === 0) {
        fs.cpSync(path.join(repoRoot, where), path.join(mainStage, where), { recursive: true })
      }
    }
    mainPacked = await pack(mainStage, work, packEnv)
    for (const bundled of manifest.bundleDependencies) {
      assert.ok(mainPacked.files.some((f) => f.path === `node_modules/${bundled}/package.json`), `${bundled} is bundled`)
    }

    registry = await startRegistry([
      { manifest: platformManifest, tarball: platformPacked.tarball, integrity: platformPacked.integrity },
    ])
  })

  after(async () => {
    await registry?.close()
    if (work) fs.rmSync(work, { recursive: true, force: true })
  })

  /** The app, installed with `npm install <flags> lavamoat greet` as a user without Rust. */
  async function installApp(t, flags) {
    const project = makeProject(app, 'lavamoat-prebuilt-app-')
    t.after(() => fs.rmSync(project, { recursive: true, force: true }))
    const env = userEnv(fs.mkdtempSync(path.join(work, 'user-')), registry.url)
    const install = await run('npm', ['install', ...flags, '--install-links', mainPacked.tarball, './greet'], {
      cwd: project,
      env,
    })
    assert.equal(install.status, 0, install.stderr)
    const lavamoat = (...args) => run('npm', ['exec', '--offline', '--', 'lavamoat', ...args], { cwd: project, env })
    const platformInstalled = () => fs.existsSync(path.join(project, 'node_modules', platformPackage, platformManifest.main))
    return { project, env, install, lavamoat, platformInstalled }
  }

  /** `--autopolicy` writes the app's policy, and the app runs under it. */
  async function assertAppWorks(project, lavamoat) {
    const autopolicy = await lavamoat('app.js', '--autopolicy')
    assert.equal(autopolicy.status, 0, autopolicy.stderr)
    const policy = JSON.parse(fs.readFileSync(path.join(project, 'lavamoat/node/policy.json'), 'utf8'))
    assert.deepEqual(policy, appPolicy)
    const ran = await lavamoat('app.js')
    assert.equal(ran.status, 0, ran.stderr)
    assert.equal(ran.stdout, `${path.join('hello', 'lavamoat')}\n`)
  }

  it('with --ignore-scripts, the prebuilt platform package writes the policy and runs the app', async (t) => {
    t.diagnostic(`tarballs: ${mainPacked.filename} ${mainPacked.size} bytes, ${platformPacked.filename} ${platformPacked.size} bytes`)
    const { project, lavamoat, platformInstalled } = await installApp(t, ['--ignore-scripts'])
    assert.ok(platformInstalled(), 'npm installed the platform package')
    assert.ok(!fs.readdirSync(path.join(project, 'node_modules/lavamoat/lib')).some((f) => f.endsWith('.node')), 'nothing was built')
    await assertAppWorks(project, lavamoat)
    // The full option parser: yargs and the dependencies bundled with it.
    const help = await lavamoat('--help')
    assert.equal(help.status, 0, help.stderr)
    assert.match(help.stdout, /--writeAutoPolicy/)
  })

  it('a platform package of another version is an error naming both versions', async (t) => {
    const { project, lavamoat } = await installApp(t, ['--ignore-scripts'])
    // A stale install: the platform package left from another version of lavamoat.
    const installed = path.join(project, 'node_modules', platformPackage, 'package.json')
    fs.writeFileSync(installed, JSON.stringify({ ...platformManifest, version: '0.0.1-stale' }))
    const ran = await lavamoat('app.js')
    assert.equal(ran.status, 1)
    assert.equal(ran.stdout, '')
    const v = manifest.version
    assert.equal(
      ran.stderr,
      `lavamoat: the Rust core ${platformPackage}@0.0.1-stale (in ${path.dirname(fs.realpathSync(installed))}) ` +
        `does not match lavamoat@${v}: the two must be the same version.\n` +
        `Reinstall lavamoat@${v}, which brings ${platformPackage}@${v}; if your package.json lists ` +
        `${platformPackage} itself, make it ${v}.\n`
    )
  })

  it('when npm leaves the platform package out, the install script installs it with napi-postinstall', async (t) => {
    // What a lockfile written on another platform does, too (npm/cli#4828).
    const { project, install, lavamoat, platformInstalled } = await installApp(t, ['--omit=optional'])
    assert.ok(platformInstalled(), `the install script installed the platform package:\n${install.stderr}`)
    assert.ok(!fs.readdirSync(path.join(project, 'node_modules/lavamoat/lib')).some((f) => f.endsWith('.node')), 'nothing was built')
    await assertAppWorks(project, lavamoat)
    // When napi-postinstall cannot run npm it downloads the binary alone, into lavamoat's
    // directory, where it also copies it otherwise: that copy loads without the package.
    fs.rmSync(path.join(project, 'node_modules', platformPackage), { recursive: true })
    const ran = await lavamoat('app.js')
    assert.equal(ran.status, 0, ran.stderr)
  })

  it('with --ignore-scripts and without the platform package, lavamoat says how to install it, and that works', async (t) => {
    const { project, env, lavamoat, platformInstalled } = await installApp(t, ['--ignore-scripts', '--omit=optional'])
    assert.ok(!platformInstalled())
    const missing = await lavamoat('app.js')
    assert.equal(missing.status, 1)
    const advice = 'npm rebuild lavamoat --ignore-scripts=false'
    assert.ok(missing.stderr.includes(`${platformPackage}@${manifest.version}, is not installed`), missing.stderr)
    assert.ok(missing.stderr.includes(`Install it with \`${advice}\`.`), missing.stderr)
    const rebuild = await run('npm', advice.split(' ').slice(1), { cwd: project, env })
    assert.equal(rebuild.status, 0, rebuild.stderr)
    assert.ok(platformInstalled(), 'the install script installed the platform package')
    await assertAppWorks(project, lavamoat)
  })
})
