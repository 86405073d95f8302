'use strict'
// Hot loops inside a dependency, each reading a global in its body: a language intrinsic
// (nothing granted) and globals its policy grants (`--autopolicy` writes `Buffer.isBuffer`
// and `process.pid`). What they measure is the cost of a global lookup inside a package.

const { generatedApp, workTimedCall } = require('./generated-app')

const ITERATIONS = 3e7

const LOOPS = [
  { name: 'hot-loop', reads: 'Math.max', body: 'result = Math.max(result, i % 1000)' },
  { name: 'hot-loop-buffer', reads: 'Buffer.isBuffer (granted)', body: 'if (Buffer.isBuffer(i)) result++' },
  { name: 'hot-loop-process', reads: 'process.pid (granted)', body: 'result = (result + process.pid) % 65536' },
]

/** `[{ name, title, dir }]` */
function hotLoopApps() {
  return LOOPS.map(({ name, reads, body }) => ({
    name,
    title: `${reads} x${ITERATIONS} in a dependency`,
    dir: generatedApp(name, workTimedCall(`require('${name}')(${ITERATIONS})`), {
      [name]: [
        'module.exports = function spin(iterations) {',
        '  let result = 0',
        `  for (let i = 0; i < iterations; i++) ${body}`,
        '  return result',
        '}',
        '',
      ].join('\n'),
    }),
  }))
}

module.exports = { hotLoopApps }
