'use strict'
// `lavamoat index.js --autopolicy` through the real CLI on every policy fixture: the written
// policy.json must equal expected/policy.json byte for byte (fixtures 22 and 28 expect our
// deliberate differences, see their DIFFERENCE.md), the debug policy must match once paths
// are replaced, and stderr must carry the reference's messages.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { runCli } = require('./support/project')
const { makeTempDir } = require('./support/temp-dir')

const fixturesDir = path.join(__dirname, 'fixtures', 'autopolicy')
const fixtures = fs.readdirSync(fixturesDir).filter((name) => fs.existsSync(path.join(fixturesDir, name, 'project')))

function copyProject(name) {
  const root = makeTempDir(`lavamoat-fixture-${name}-`)
  fs.cpSync(path.join(fixturesDir, name, 'project'), root, { recursive: true })
  return root
}

function readOptional(file) {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined
}

test('all 30 fixtures are present', () => {
  assert.equal(fixtures.length, 30)
})

/** A line the reference printed, with our prefix: `lavamoat: ` for its `lavamoat - ` and `⚠️`. */
const inOurWords = (line) =>
  line.replace(/^⚠️ {2}Potentially Incompatible code detected in package/, 'lavamoat: potentially incompatible code in package').replace(/^lavamoat - /, 'lavamoat: ')

for (const name of fixtures) {
  test(`autopolicy fixture ${name}`, () => {
    const expectedDir = path.join(fixturesDir, name, 'expected')
    const flags = (readOptional(path.join(fixturesDir, name, 'flags')) ?? '').split(/\s+/).filter(Boolean)
    const root = copyProject(name)
    // --debugMode: each message, also those that need no action (one summary line otherwise).
    const { status, stderr } = runCli(['index.js', '--autopolicy', '--debugMode', ...flags], { cwd: root })

    assert.equal(status, 0, stderr)
    const written = fs.readFileSync(path.join(root, 'lavamoat/node/policy.json'), 'utf8')
    assert.equal(written, fs.readFileSync(path.join(expectedDir, 'policy.json'), 'utf8'))

    const expectedDebug = readOptional(path.join(expectedDir, 'policy-debug.json'))
    if (expectedDebug !== undefined) {
      const debug = fs.readFileSync(path.join(root, 'lavamoat/node/policy-debug.json'), 'utf8')
      assert.deepEqual(JSON.parse(debug.split(root).join('<projectRoot>')), JSON.parse(expectedDebug))
    }

    assert.ok(stderr.includes(`lavamoat: generating the policy from entry "${path.join(root, 'index.js')}"...`), stderr)
    // Warnings the reference printed (dynamic requires, unresolvable requests) are printed too,
    // with our one prefix where the reference has its several.
    const expectedStderr = readOptional(path.join(expectedDir, 'stderr.txt')) ?? ''
    for (const line of expectedStderr.split('\n').map(inOurWords)) {
      if (/dynamic require|unable to resolve|potentially incompatible code/.test(line)) {
        assert.ok(stderr.split(root).join('<projectRoot>').includes(line.trim()), `missing: ${line}\n${stderr}`)
      }
    }
  })
}

test('an unparsable file is skipped with a warning that locates it, and the policy is written', () => {
  const root = copyProject('28-unparsable-file')
  const { status, stderr } = runCli(['index.js', '--autopolicy'], { cwd: root })
  assert.equal(status, 0)
  assert.match(stderr, new RegExp(`${path.join(root, 'node_modules/a/broken.js')}.*2:`))
  assert.ok(fs.existsSync(path.join(root, 'lavamoat/node/policy.json')))
})
