'use strict'
// Smoke test of the policy binding: the addon must be built first (`npm run build`).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { makeTempDir } = require('./support/temp-dir')

const loaderPath = path.join(__dirname, '..', 'lib', 'native.js')
const native = fs.existsSync(loaderPath)
  ? require(loaderPath)
  : require(path.join(__dirname, '..', 'lib', 'lavamoat.linux-x64-gnu.node'))

test('loadPolicy merges the override and reports new resources and warnings', () => {
  const dir = makeTempDir('lavamoat-policy-')
  const policyPath = path.join(dir, 'policy.json')
  const overridePath = path.join(dir, 'policy-override.json')
  fs.writeFileSync(policyPath, '{"resources": {"a": {"globals": {"process.env.A": true}}}}')
  fs.writeFileSync(
    overridePath,
    '{"resources": {"a": {"globals": {"process": false, "process.env.B": true}},\n "b": {"globalsss": {}}}}'
  )
  const loaded = native.loadPolicy(policyPath, overridePath)
  assert.deepEqual(loaded.policy, {
    // Unknown keys only warn; they are kept, as the reference keeps them.
    resources: { a: { globals: { process: false, 'process.env.B': true } }, b: { globalsss: {} } },
  })
  assert.equal(loaded.overrideFound, true)
  assert.equal(loaded.overrideAddsResources, true)
  assert.equal(loaded.warnings.length, 1)
  assert.deepEqual(
    { file: loaded.warnings[0].file, line: loaded.warnings[0].line, column: loaded.warnings[0].column },
    { file: overridePath, line: 2, column: 8 }
  )
  assert.match(loaded.warnings[0].message, /did you mean `globals`\?/)
})

test('missing files give the empty policy; readPolicyFile gives null', () => {
  const dir = makeTempDir('lavamoat-policy-')
  const loaded = native.loadPolicy(path.join(dir, 'p.json'), path.join(dir, 'o.json'))
  assert.deepEqual(loaded.policy, { resources: {} })
  assert.equal(loaded.overrideFound, false)
  assert.equal(native.readPolicyFile(path.join(dir, 'o.json')), null)
})

test('errors carry the core error code', () => {
  const dir = makeTempDir('lavamoat-policy-')
  const bad = path.join(dir, 'policy.json')
  fs.writeFileSync(bad, '{"resources": {"a": {"globals": {"x": "read"}}}}')
  assert.throws(() => native.readPolicyFile(bad), (err) => {
    assert.ok(err instanceof Error)
    assert.equal(err.code, 'LAVAMOAT_POLICY_INVALID')
    assert.equal(
      err.message,
      `${bad}:1:39: invalid policy at resources["a"].globals["x"]: expected true, false or "write", found the string "read"`
    )
    return true
  })
  fs.writeFileSync(bad, '{"resources": ')
  assert.throws(() => native.loadPolicy(bad, path.join(dir, 'none.json')), { code: 'LAVAMOAT_POLICY_PARSE' })
  assert.throws(
    () =>
      native.mergePolicy(
        { resources: { x: { globals: { process: true } } } },
        { resources: { x: { globals: { 'process.env': true } } } }
      ),
    {
      code: 'LAVAMOAT_POLICY_HIERARCHY',
      message:
        'LavaMoat - Policy hierarchy validation failed for resource "x"\n' +
        '  "process.env" is invalid when "process" is also present in policy"\n' +
        'You could set the parent "process" to false if you intended to override to a less permissive policy.',
    }
  )
})

test('stringifyPolicy sorts like the reference and prints empty objects open', () => {
  const text = native.stringifyPolicy({ resources: { b: {}, 'a>b': { native: true }, a: { globals: {} } } })
  assert.equal(
    text,
    '{\n  "resources": {\n    "a": {\n      "globals": {\n      }\n    },\n    "b": {\n    },\n    "a>b": {\n      "native": true\n    }\n  }\n}'
  )
})

test('writePolicyFile writes atomically, skips identical content, guards the override', () => {
  const dir = makeTempDir('lavamoat-policy-')
  const target = path.join(dir, 'lavamoat', 'node', 'policy.json')
  const overridePath = path.join(dir, 'lavamoat', 'node', 'policy-override.json')
  const policy = { resources: { a: { packages: { b: true } } } }
  assert.equal(native.writePolicyFile(target, policy, overridePath), true)
  assert.equal(fs.readFileSync(target, 'utf8'), native.stringifyPolicy(policy))
  const inode = fs.statSync(target).ino
  assert.equal(native.writePolicyFile(target, policy), false)
  assert.equal(fs.statSync(target).ino, inode)
  assert.deepEqual(fs.readdirSync(path.dirname(target)), ['policy.json'])
  assert.throws(() => native.writePolicyFile(overridePath, policy, overridePath), { code: 'LAVAMOAT_POLICY_WRITE' })
  assert.equal(fs.existsSync(overridePath), false)
})
