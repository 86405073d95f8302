'use strict'
// depd-style structured stack traces (Error.captureStackTrace + Error.prepareStackTrace with
// V8 call sites) work inside a compartment, and stay local to it.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { pathToFileURL } = require('node:url')
const { writeProject, runProject, resultOf } = require('./helpers/runtime-project')

// The call-site handling of depd@2 (used by express 4, body-parser), reduced.
const DEPD_LIKE = `
function getStack () {
  var limit = Error.stackTraceLimit
  var obj = {}
  var prep = Error.prepareStackTrace
  Error.prepareStackTrace = prepareObjectStackTrace
  Error.stackTraceLimit = Math.max(10, limit)
  Error.captureStackTrace(obj)
  var stack = obj.stack.slice(1)
  Error.prepareStackTrace = prep
  Error.stackTraceLimit = limit
  return stack
}
function prepareObjectStackTrace (obj, stack) { return stack }
function callSiteLocation (callSite) {
  var file = callSite.getFileName() || '<anonymous>'
  if (callSite.isEval()) file = callSite.getEvalOrigin() + ', ' + file
  return [file, callSite.getLineNumber(), callSite.getColumnNumber(), callSite.getFunctionName(), typeof callSite.getThis()]
}
module.exports = function depd (namespace) {
  var stack = getStack()
  return { namespace: namespace, site: callSiteLocation(stack[1]), restored: Error.prepareStackTrace === undefined }
}
`

test('depd-style call sites work inside a package compartment', () => {
  const dir = writeProject({
    files: {
      'index.js': "console.log(JSON.stringify(require('app-lib')))\n",
      'node_modules/app-lib/index.js': "'use strict'\nconst deprecate = require('depd')('app-lib')\nmodule.exports = deprecate\n",
      'node_modules/depd/index.js': DEPD_LIKE,
    },
    packages: { 'node_modules/app-lib': ['depd'], 'node_modules/depd': [] },
    policy: { resources: { 'app-lib': { packages: { depd: true } }, depd: { globals: { process: true }, builtin: { 'path.relative': true } } } },
  })
  assert.deepEqual(resultOf(runProject(dir)), {
    namespace: 'app-lib',
    site: [path.join(dir, 'node_modules/app-lib/index.js'), 2, 34, null, 'undefined'],
    restored: true,
  })
})

test('a package\'s prepareStackTrace formats only its own errors', () => {
  const dir = writeProject({
    files: {
      'index.js': [
        "const one = require('one')",
        "const rootStack = new Error('root boom').stack",
        "console.log(JSON.stringify({ one, root: rootStack.split('\\n')[0], rootIsError: one.errorFromOne instanceof Error }))",
      ].join('\n'),
      'node_modules/one/index.js': [
        "Error.prepareStackTrace = (error, sites) => 'hijacked:' + sites.length",
        "const own = new Error('one boom').stack",
        "const two = require('two')",
        "module.exports = { own: own.startsWith('hijacked:'), two }",
        "Object.defineProperty(module.exports, 'errorFromOne', { value: new Error('x') })",
      ].join('\n'),
      'node_modules/two/index.js': "module.exports = new Error('two boom').stack.split('\\n')[0]\n",
    },
    packages: { 'node_modules/one': ['two'], 'node_modules/two': [] },
    policy: { resources: { one: { packages: { two: true } } } },
  })
  assert.deepEqual(resultOf(runProject(dir)), { one: { own: true, two: 'Error: two boom' }, root: 'Error: root boom', rootIsError: true })
})

test('an ES module\'s call sites name it by its file: URL, as Node\'s do (threads.js finds the file that started a worker through callsites)', () => {
  const dir = writeProject({
    files: {
      'index.mjs': "import where from 'finder'\nconsole.log(JSON.stringify(where()))\n",
      'node_modules/finder/package.json': '{ "name": "finder", "version": "1.0.0" }',
      'node_modules/finder/index.js': [
        'module.exports = function where () {',
        '  const prep = Error.prepareStackTrace',
        '  Error.prepareStackTrace = (_, sites) => sites',
        '  const sites = new Error().stack.slice(1)',
        '  Error.prepareStackTrace = prep',
        '  const site = sites[0]',
        '  return { file: site.getFileName(), url: site.getScriptNameOrSourceURL(), eval: site.isEval(), line: site.getLineNumber() }',
        '}',
      ].join('\n'),
    },
    packages: { 'node_modules/finder': [] },
    policy: { resources: { finder: {} } },
  })
  const url = pathToFileURL(path.join(fs.realpathSync(dir), 'index.mjs')).href
  const expected = { file: url, url, eval: false, line: 2 }
  assert.deepEqual(JSON.parse(spawnSync(process.env.LAVAMOAT_TEST_NODE || process.execPath, ['index.mjs'], { cwd: dir, encoding: 'utf8' }).stdout), expected)
  assert.deepEqual(resultOf(runProject(dir, { entry: 'index.mjs' })), expected)
})
