'use strict'
// A loader tool (ts-node, @babel/register, pirates) puts hooks in `require.extensions` and
// starts the program with `Module.runMain()`: under `lavamoat --bin` the program runs through
// LavaMoat's loader as the project's code, its files compiled by the tool's hooks
// (module-loader.js runMainOf), with the policy --autopolicy writes.

const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { writeProject, runProject, NODE } = require('./helpers/runtime-project')

// `.up` files may call shout('x'), which the hook compiles to "X"; a `.js` hook wraps the
// default handler as ts-node's does (it wraps `module._compile` and calls the handler before).
const TOOL_BIN = `#!/usr/bin/env node
const Module = require('module')
const path = require('path')
const seen = []
const defaultJs = require.extensions['.js']
function hook(m, filename) {
  seen.push(path.basename(filename))
  const compile = m._compile
  m._compile = function (code, file) {
    return compile.call(this, code.replace(/shout\\('([^']*)'\\)/g, (_, text) => JSON.stringify(text.toUpperCase())), file)
  }
  return defaultJs(m, filename)
}
require.extensions['.up'] = hook
process.argv = [process.argv[1], path.resolve(process.argv[2]), ...process.argv.slice(3)]
Module.runMain()
console.log('hooked: ' + seen.join(','))
`

function loaderProject() {
  return writeProject({
    files: {
      'node_modules/tool/package.json': JSON.stringify({ name: 'tool', version: '1.0.0', bin: { tool: 'bin.js' } }),
      'node_modules/tool/bin.js': TOOL_BIN,
      'node_modules/dep/index.js': "module.exports = '+dep'\n",
      'src/main.up': "const helper = require('./helper.up')\nconsole.log(shout('hello'), helper, require.main === module, process.argv.slice(2).join(' '))\n",
      'src/helper.up': "module.exports = shout('helper') + require('./plain.js') + require('dep')\n",
      'src/plain.js': "module.exports = '+plain'\n",
    },
    packages: { 'node_modules/tool': [], 'node_modules/dep': [] },
  })
}

test('Module.runMain() of a --bin tool runs the project\'s main with the tool\'s hooks, under the policy --autopolicy wrote', () => {
  const root = loaderProject()
  const expected = 'HELLO HELPER+plain+dep true more args\nhooked: main.up,helper.up\n'
  const plain = spawnSync(NODE, ['node_modules/tool/bin.js', 'src/main.up', 'more', 'args'], { cwd: root, encoding: 'utf8' })
  assert.equal(plain.stdout, expected, plain.stderr)
  const learning = runProject(root, { entry: '--bin', args: ['tool', '--autopolicy', '--', 'src/main.up', 'more', 'args'] })
  assert.equal(learning.status, 0, learning.stderr)
  assert.equal(learning.stdout, expected)
  const run = runProject(root, { entry: '--bin', args: ['tool', '--', 'src/main.up', 'more', 'args'] })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout, expected)
  const { builtin } = require(path.join(root, 'lavamoat/node/bin/tool/policy.json')).resources.tool
  assert.equal(builtin['module.runMain'], true, JSON.stringify(builtin))
})
