'use strict'
// The dependency `npm run example` shows being refused (examples/packages/price-format), linked
// into node_modules as `npm ci` links a folder dependency: --autopolicy must not grant it the
// `fs` it loads by a variable, the refusal names the override that allows it, and that
// override does.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { makeProject, runCli, repoRoot } = require('./support/project')

const APP = `try {
  console.log(require('price-format')(2.5))
} catch (err) {
  console.log(err.code + '\\n' + err.message)
}
`

test('the example package is refused fs under its generated policy, and reads the home file once the override grants it', (t) => {
  const root = makeProject({
    'package.json': { name: 'shop', version: '1.0.0', dependencies: { 'price-format': 'file:../price-format' } },
    'index.js': APP,
    'home/.price-formatrc': 'GBP\n',
  })
  t.after(() => fs.rmSync(root, { recursive: true, force: true }))
  fs.mkdirSync(path.join(root, 'node_modules'))
  fs.symlinkSync(path.join(repoRoot, 'examples/packages/price-format'), path.join(root, 'node_modules/price-format'))
  const env = { HOME: path.join(root, 'home') }

  const written = runCli(['index.js', '--autopolicy'], { cwd: root, env })
  assert.equal(written.status, 0, written.stderr)
  assert.match(written.stderr, /requests analysis cannot follow \(price-format\)/)
  const policy = JSON.parse(fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8'))
  assert.deepEqual(Object.keys(policy.resources['price-format'].builtin).sort(), ['os.homedir', 'path.join'])

  const refused = runCli(['index.js'], { cwd: root, env })
  assert.equal(refused.status, 0, refused.stderr)
  assert.equal(
    refused.stdout,
    'LAVAMOAT_BUILTIN_NOT_ALLOWED\n' +
      'LavaMoat - required node builtin package not in allowlist: package "price-format" requested "fs" as "fs"\n' +
      'Hint: to allow it, add "builtin": {"fs": true} to resources["price-format"] in lavamoat/node/policy-override.json\n',
  )

  fs.writeFileSync(path.join(root, 'lavamoat/node/policy-override.json'), JSON.stringify({ resources: { 'price-format': { builtin: { fs: true } } } }))
  const allowed = runCli(['index.js'], { cwd: root, env })
  assert.equal(allowed.status, 0, allowed.stderr)
  assert.equal(allowed.stdout, '£2.50\n')
})
