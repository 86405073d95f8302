'use strict'
// Property test of the rewrite that makes files acceptable to SES (lib/modules/module-source.js,
// src/transform/ses_source.rs): random CommonJS bodies mixing `<`, `!`, `-`, `>`, `import`, `(` in
// strings, templates, regular expressions, comments (HTML-like ones too) and code. Every body
// Node compiles and runs must, rewritten, compile in a compartment and return the same values.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const vm = require('node:vm')
const { spawnSync } = require('node:child_process')
const { NODE, writeProject, runProject } = require('./helpers/runtime-project')

const CASES = 3000
const PARAMS = ['exports', 'require', 'module', '__filename', '__dirname']

/** mulberry32: a small seeded generator, so a failure names a reproducible case. */
function generator(seed) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n) => Math.floor(next() * n)
  const pick = (list) => list[int(list.length)]
  return { int, pick }
}

const PIECES = ['<', '!', '-', '>', 'import', '(', ')', ' ', '\t', 'a', '/', '*', '<!--', '-->', 'import(', 'import /', '\\', '$', '{', '}', '`', "'", '"', '\n', '.', '...', 'eval', 'eval(']

function makeBody(seed) {
  const { int, pick } = generator(seed)
  const text = () => Array.from({ length: int(8) }, () => pick(PIECES)).join('')
  const oneLine = () => text().replace(/[\n\u2028\u2029]/g, ' ')
  const quoted = (q) => q + text().replace(/\r?\n/g, '\\n').split(q).join(`\\${q}`) + q
  const template = () => {
    const parts = Array.from({ length: 1 + int(3) }, () => text().replace(/`/g, '\\`').replace(/\$\{/g, '$\\{'))
    return '`' + parts.join('${' + quoted("'") + '}') + '`'
  }
  const probes = () => JSON.stringify([text(), text(), '<!--', '-->', 'import(', '<!-->'])
  const regex = () => `/${oneLine().replace(/\//g, '\\/') || 'a'}/${pick(['', 'g', 'u', 'i', 'v'])}`
  const statements = [
    () => `out.push(${quoted("'")})`,
    () => `out.push(${quoted('"')})`,
    () => `out.push(${template()})`,
    // A tag sees cooked strings unchanged; raw ones show the rewrite's escapes (README).
    () => `out.push(((strings, ...values) => [...strings, ...values].join('|'))${template()})`,
    () => `{ const re = ${regex()}; out.push(${probes()}.map((s) => s.replace(re, '#'))) }`,
    () => `// ${oneLine()}`,
    () => `/* ${text().replace(/\*\//g, '* /')} */`,
    () => `<!-- ${oneLine()}`,
    () => `\n--> ${oneLine()}`,
    () => `out.push(n ${pick(['<!--', '-->', '- ->', '--', '<!-- -->'])} ${oneLine()}\n)`,
    () => `while (n --> 0) out.push(n)`,
    () => `out.push(n-->${int(3)})`,
    () => `out.push(o.import(${quoted("'")}), o. import /* ${oneLine().replace(/\*\//g, '')} */ (1), $import(2))`,
    () => `out.push(typeof (n > 99 && import(${quoted("'")})))`,
    // A direct eval (indirect in a compartment: no local is read here), a method and a
    // function named eval (SES refuses `eval(` wherever no `.` precedes it).
    () => `out.push(eval(${pick(["'1 + 2'", '"[1]"', '`typeof Math`'])}), o.eval(n), { eval (x) { return 'm' + x } }.eval(${int(3)}))`,
    () => `out.push(class { static eval(x) { return x * 2 } }.eval(n))`,
    () => `out.push(${pick(['', '1 +', 'n', '[...'])}${oneLine()}${pick(['', ')', ']'])})`,
  ]
  const body = Array.from({ length: 1 + int(5) }, () => pick(statements)()).join(pick(['\n', ';\n', ' ']))
  const prelude = "let n = 3; const out = []; const o = { import(x) { return 'i' + x }, eval(x) { return 'e' + x } }; const $import = (x) => '$' + x\n"
  return (int(4) === 0 ? `${pick(['-->', '<!--'])} ${oneLine()}\n` : '') + prelude + body + '\nreturn out'
}

/**
 * What the body returns as a Node CommonJS module function; undefined if it does not compile
 * or throws (free names read `undefined` in a compartment but throw in Node: not the subject).
 */
function runInNode(body) {
  try {
    return { out: vm.compileFunction(body, PARAMS)({}, undefined, {}, '/x.js', '/') }
  } catch {
    return undefined
  }
}

test(`rewritten for SES, ${CASES} random bodies that Node runs compile and return the same`, () => {
  const cases = []
  for (let seed = 1; cases.length < CASES && seed < CASES * 20; seed += 1) {
    const body = makeBody(seed)
    const expected = runInNode(body)
    if (expected !== undefined) cases.push({ seed, body, expected })
  }
  assert.equal(cases.length, CASES, 'the generator makes enough bodies Node runs')
  const run = spawnSync(NODE, [path.join(__dirname, 'helpers', 'ses-evaluate.js')], {
    input: JSON.stringify(cases.map(({ body }) => body)),
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  })
  assert.equal(run.status, 0, run.stderr)
  const results = JSON.parse(run.stdout)
  let interesting = 0
  cases.forEach(({ seed, body, expected }, i) => {
    if (/<!--|-->|import\s*(?:\(|\/[/*])/.test(body)) interesting += 1
    assert.deepEqual(results[i], JSON.parse(JSON.stringify(expected)), `seed ${seed}:\n${body}`)
  })
  assert.ok(interesting > CASES / 2, `most bodies hold text SES refuses (${interesting})`)
})

test('through the CLI: a package with HTML-like comments and import(-like text loads unchanged (htmlparser2 Tokenizer)', () => {
  const dir = writeProject({
    files: {
      'index.js': "console.log(JSON.stringify(require('one')))\n",
      'node_modules/one/index.js': [
        '// In the tokenizer, <!--> and <!---> are empty comments',
        "/* a dynamic import('x') would go here --> */",
        "const strings = ['<!--', '-->', 'import(', `<!-->${'import'}(`]",
        "const call = { import(x) { return x + 1 } }.import(1)",
        "const later = () => import('not-run')",
        "module.exports = { strings, call, regex: /<!-->/.test('<!-->'), later: typeof later }",
      ].join('\n'),
    },
    packages: { 'node_modules/one': [] },
  })
  try {
    const run = runProject(dir)
    assert.equal(run.status, 0, run.stderr)
    assert.deepEqual(JSON.parse(run.stdout), {
      strings: ['<!--', '-->', 'import(', '<!-->import('], call: 2, regex: true, later: 'function',
    })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('through the CLI: code a package compiles with Function or eval may hold HTML-like comments too (uglify-js)', () => {
  const dir = writeProject({
    files: {
      'index.js': "console.log(JSON.stringify(require('one')))\n",
      'node_modules/one/index.js': [
        "const made = new Function('a', \"// <!-- a comment -->\\nreturn a + '<!--'\")",
        "module.exports = { made: made('x'), evaluated: (0, eval)(\"'-->' // <!--\") }",
      ].join('\n'),
    },
    packages: { 'node_modules/one': [] },
  })
  const plain = spawnSync(NODE, ['index.js'], { cwd: dir, encoding: 'utf8' })
  assert.equal(plain.status, 0, plain.stderr)
  const run = runProject(dir)
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, plain.stdout)
  assert.deepEqual(JSON.parse(run.stdout), { made: 'x<!--', evaluated: '-->' })
})

test('a file nested deeper than V8 compiles is rewritten without parsing (the parser would overflow its stack)', () => {
  const { evadeSesRejections } = require('../lib/modules/module-source')
  const deep = `x = ${'['.repeat(200000)}${']'.repeat(200000)}; y = 'import(<!--'`
  assert.throws(() => vm.compileFunction(deep), RangeError)
  assert.ok(evadeSesRejections(deep).endsWith("y = '__import__(< ! --'"))
})

test('through the CLI: methods named eval load and run, in CommonJS and ES modules (less 4, @noble/curves 2), and a direct eval is indirect', () => {
  const dir = writeProject({
    files: {
      'index.js': "const cjs = require('one')\nimport('two/index.mjs').then((esm) => console.log(JSON.stringify({ cjs, esm: esm.default })))\n",
      'node_modules/one/index.js': [
        'class Node { eval(context) { return context * 2 } }',
        "const direct = eval('typeof module')",
        "module.exports = { method: new Node().eval(21), object: { eval (x) { return 'o' + x } }.eval(1), direct, text: 'eval(' }",
      ].join('\n'),
      'node_modules/two/index.mjs': 'export default { fft: { eval(a, x, brp = false) { return a + x + brp } }.eval(1, 2) }\n',
    },
    packages: { 'node_modules/one': [], 'node_modules/two': [] },
  })
  try {
    const run = runProject(dir)
    assert.equal(run.status, 0, run.stderr)
    // The direct eval ran as an indirect one: `module` is the module's, not a global.
    assert.deepEqual(JSON.parse(run.stdout), { cjs: { method: 42, object: 'o1', direct: 'undefined', text: 'eval(' }, esm: { fft: 3 } })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
