'use strict'
// The prototypes of builtin classes are sealed with read-only methods (lib/membranes/builtin-prototypes.js)
// so no package can change them for the app; instances and subclasses must still override
// what they inherit, as on-headers (`res.writeHead = ...`) and every stream subclass do.

const test = require('node:test')
const assert = require('node:assert/strict')
const { writeProject, runProject, body } = require('./helpers/runtime-project')

function run(code, policy = { resources: { pkg: { builtin: { events: true, stream: true, http: true } } } }) {
  const root = writeProject({
    files: { 'index.js': "console.log(JSON.stringify(require('pkg')))\n", 'node_modules/pkg/index.js': body(code) },
    packages: { 'node_modules/pkg': [] },
    policy,
  })
  const result = runProject(root)
  assert.equal(result.status, 0, result.stderr)
  return JSON.parse(result.stdout)
}

test('instances and subclasses still override inherited methods', () => {
  const overrides = () => {
    'use strict'
    const EventEmitter = require('events')
    const { Readable } = require('stream')
    const http = require('http')
    const own = new EventEmitter()
    own.emit = () => 'own emit'
    class Quiet extends EventEmitter {
      emit() {
        return 'subclass emit'
      }
    }
    const stream = new Readable({ read() {} })
    stream.push = () => 'own push'
    const res = new http.ServerResponse(new http.IncomingMessage(null))
    const writeHead = res.writeHead
    res.writeHead = function (...args) {
      return writeHead.apply(this, args)
    }
    module.exports = [
      own.emit(),
      new Quiet().emit(),
      new EventEmitter().emit('nothing'),
      stream.push(),
      Object.prototype.hasOwnProperty.call(res, 'writeHead'),
      typeof http.ServerResponse.prototype.writeHead,
    ]
  }
  assert.deepEqual(run(overrides), ['own emit', 'subclass emit', false, 'own push', true, 'function'])
})

test('a builtin class prototype refuses new methods and replaced ones, for the app too', () => {
  const root = writeProject({
    files: {
      'index.js': [
        "'use strict'",
        "const EventEmitter = require('events')",
        'const attempts = []',
        "try { EventEmitter.prototype.emit = () => 'app emit'; attempts.push('replaced') } catch (err) { attempts.push(err.constructor.name) }",
        "try { EventEmitter.prototype.extra = 1; attempts.push('added') } catch (err) { attempts.push(err.constructor.name) }",
        "try { Object.setPrototypeOf(require('stream').Readable.prototype, {}); attempts.push('reparented') } catch (err) { attempts.push(err.constructor.name) }",
        'console.log(JSON.stringify(attempts))',
        '',
      ].join('\n'),
    },
    packages: {},
    policy: { resources: {} },
  })
  const result = runProject(root)
  assert.equal(result.status, 0, result.stderr)
  assert.deepEqual(JSON.parse(result.stdout), ['TypeError', 'TypeError', 'TypeError'])
})
