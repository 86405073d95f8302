'use strict'
// The published route without Rust: lavamoat and the prebuilt platform package of this machine,
// packed as `napi prepublish` publishes them (the platform package listed as an optional
// dependency of the same version), installed from a local registry with --ignore-scripts and
// with no cargo on PATH.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { repoRoot, makeProject } = require('./support/project')
const { startRegistry } = require('./support/local-registry')
const { platformSuffixes, localBinaryName, platformPackageName } = require('../lib/platform')

const manifest = require('../package.json')
const suffix = platformSuffixes()[0]
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

test(
  'without cargo and with --ignore-scripts, the prebuilt platform package writes the policy and runs the app',
  { skip: !fs.existsSync(builtBinary) && `no built core at ${builtBinary}`, timeout: 120_000 },
  async (t) => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lavamoat-prebuilt-'))
    const project = makeProject(app, 'lavamoat-prebuilt-app-')
    let registry
    t.after(async () => {
      await registry?.close()
      fs.rmSync(work, { recursive: true, force: true })
      fs.rmSync(project, { recursive: true, force: true })
    })
    const packEnv = userEnv(work)
    assert.equal((await run('cargo', ['--version'], { env: packEnv }).catch((err) => err)).code, 'ENOENT', 'no cargo on PATH')

    // The platform package as `napi prepublish` publishes it: npm/<suffix>/ with the binary
    // under the name its `main` gives.
    const platformStage = path.join(work, 'platform')
    fs.cpSync(path.join(repoRoot, 'npm', suffix), platformStage, { recursive: true })
    const platformManifest = JSON.parse(fs.readFileSync(path.join(platformStage, 'package.json'), 'utf8'))
    assert.equal(platformManifest.version, manifest.version, `npm/${suffix} has the version of lavamoat`)
    fs.copyFileSync(builtBinary, path.join(platformStage, platformManifest.main))
    const platformPacked = await pack(platformStage, work, packEnv)

    // The main package with the optional dependency `napi prepublish` adds, for this platform
    // only (the others are not built here). Bundled dependencies come from the checkout.
    const mainStage = path.join(work, 'main')
    for (const entry of new Set(manifest.files.map((pattern) => pattern.split('/')[0]))) {
      fs.cpSync(path.join(repoRoot, entry), path.join(mainStage, entry), {
        recursive: true,
        filter: (file) => !file.endsWith('.node'),
      })
    }
    const published = { ...manifest, optionalDependencies: { [platformPackage]: manifest.version } }
    fs.writeFileSync(path.join(mainStage, 'package.json'), JSON.stringify(published, null, 2))
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(mainStage, 'node_modules'), 'junction')
    const mainPacked = await pack(mainStage, work, packEnv)
    for (const bundled of manifest.bundleDependencies) {
      assert.ok(mainPacked.files.some((f) => f.path === `node_modules/${bundled}/package.json`), `${bundled} is bundled`)
    }
    t.diagnostic(`tarballs: ${mainPacked.filename} ${mainPacked.size} bytes, ${platformPacked.filename} ${platformPacked.size} bytes`)

    registry = await startRegistry([{ manifest: platformManifest, tarball: platformPacked.tarball, integrity: platformPacked.integrity }])
    const env = userEnv(fs.mkdtempSync(path.join(work, 'user-')), registry.url)
    const install = await run(
      'npm',
      ['install', '--ignore-scripts', '--install-links', mainPacked.tarball, './greet'],
      { cwd: project, env }
    )
    assert.equal(install.status, 0, install.stderr)
    assert.ok(fs.existsSync(path.join(project, 'node_modules', platformPackage, platformManifest.main)), 'npm installed the platform package')
    assert.ok(!fs.readdirSync(path.join(project, 'node_modules/lavamoat/lib')).some((f) => f.endsWith('.node')), 'nothing was built')

    const lavamoat = (...args) => run('npm', ['exec', '--offline', '--', 'lavamoat', ...args], { cwd: project, env })
    const autopolicy = await lavamoat('app.js', '--autopolicy')
    assert.equal(autopolicy.status, 0, autopolicy.stderr)
    const policy = JSON.parse(fs.readFileSync(path.join(project, 'lavamoat/node/policy.json'), 'utf8'))
    assert.deepEqual(policy, appPolicy)
    const ran = await lavamoat('app.js')
    assert.equal(ran.status, 0, ran.stderr)
    assert.equal(ran.stdout, `${path.join('hello', 'lavamoat')}\n`)

    // A platform package of another version (a stale install) is refused, naming both versions.
    const installedManifest = path.join(project, 'node_modules', platformPackage, 'package.json')
    fs.writeFileSync(installedManifest, JSON.stringify({ ...platformManifest, version: '0.0.1-stale' }))
    const mismatch = await lavamoat('app.js')
    assert.equal(mismatch.status, 1)
    assert.equal(mismatch.stdout, '')
    assert.match(
      mismatch.stderr,
      new RegExp(`^lavamoat: the Rust core ${platformPackage}@0\\.0\\.1-stale \\(in .+\\) does not match lavamoat@${manifest.version.replaceAll('.', '\\.')}: the two must be the same version\\.\\n`)
    )
    assert.ok(mismatch.stderr.includes(`Reinstall lavamoat@${manifest.version}, which brings ${platformPackage}@${manifest.version}`), mismatch.stderr)
  }
)
