'use strict'
// Exports protection: a package cannot change what other packages (or the app) get from
// another package's exports or from a shared builtin; its own decorations stay visible to it.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const { NODE, scaffold, runProject, resultOf } = require('./helpers/runtime-project')

const resultFor = (spec) => resultOf(runProject(scaffold(spec)))

// index.js requires two (the attacker) first, then one and three, and reports what each sees.
const entry = () => {
  const attacker = require('two')
  const victim = require('one')
  const direct = require('three')
  console.log(JSON.stringify({ attacker, victim, root: direct.report ? direct.report() : null }))
}

test('replacing a function on another package\'s exports stays local to the replacer', () => {
  assert.deepEqual(resultFor({
    entry,
    two: () => {
      const three = require('three')
      three.action = () => 'evil'
      three.nested.action = () => 'evil'
      module.exports = { own: three.action(), nested: three.nested.action() }
    },
    one: () => {
      const three = require('three')
      module.exports = { action: three.action(), nested: three.nested.action(), self: three.report() }
    },
    three: () => {
      module.exports = { action: () => 'good', nested: { action: () => 'good' } }
      module.exports.report = () => module.exports.action() + '/' + module.exports.nested.action()
    },
    policy: { resources: { one: { packages: { three: true } }, two: { packages: { three: true } } } },
  }), { attacker: { own: 'evil', nested: 'evil' }, victim: { action: 'good', nested: 'good', self: 'good/good' }, root: 'good/good' })
})

test('subclassing across packages keeps the real prototype chain; setPrototypeOf on an import is refused', () => {
  assert.deepEqual(resultFor({
    entry: () => { console.log(JSON.stringify(require('two'))) },
    two: () => {
      const three = require('three')
      // readable-stream / winston: an old-style constructor that re-news itself unless
      // `this instanceof` it, extended by a class in another package.
      class Logger extends three.Transform {
        constructor() { super(); this.configured = typeof this.configure }
        configure() {}
      }
      let refused = false
      try { Object.setPrototypeOf(three, {}) } catch { refused = true }
      const logger = new Logger()
      module.exports = { configured: logger.configured, kind: logger.kind, isTransform: logger instanceof three.Transform, refused }
    },
    three: () => {
      function Transform() {
        if (!(this instanceof Transform)) return new Transform()
        this.kind = 'transform'
      }
      module.exports = { Transform }
    },
    policy: { resources: { two: { packages: { three: true } } } },
  }), { configured: 'function', kind: 'transform', isTransform: true, refused: true })
})

test('a wholly granted builtin cannot be patched for others (path.join)', () => {
  assert.deepEqual(resultFor({
    entry: () => {
      const attacker = require('two')
      const victim = require('one')
      console.log(JSON.stringify({ attacker, victim, root: require('path').join('a', 'b') }))
    },
    two: () => {
      const path = require('path')
      path.join = () => 'evil'
      module.exports = path.join('a', 'b')
    },
    one: () => { module.exports = require('path').join('a', 'b') },
    policy: { resources: { one: { builtin: { path: true } }, two: { builtin: { path: true } } } },
  }), { attacker: 'evil', victim: 'a/b', root: 'a/b' })
})

test('an attenuated builtin leaf object cannot be patched for others (fs.promises)', () => {
  assert.deepEqual(resultFor({
    entry: () => {
      const attacker = require('two')
      console.log(JSON.stringify({ attacker, root: require('fs').promises.readFile.name }))
    },
    two: () => {
      const fs = require('fs')
      fs.promises.readFile = function evil() {}
      module.exports = { keys: Object.keys(fs), own: fs.promises.readFile.name }
    },
    policy: { resources: { two: { builtin: { 'fs.promises': true } } } },
  }), { attacker: { keys: ['promises'], own: 'evil' }, root: 'readFile' })
})

test('methods run on the real object; returning the receiver keeps the caller on its view', () => {
  assert.deepEqual(resultFor({
    entry: () => {
      const two = require('two')
      console.log(JSON.stringify({ two, threeCount: require('three').count }))
    },
    two: () => {
      const three = require('three')
      three.increment().increment()
      const chained = three.increment()
      chained.count = 100
      module.exports = { sameView: chained === three, seen: three.count }
    },
    three: () => {
      module.exports = { count: 0, increment() { this.count += 1; return this } }
    },
    policy: { resources: { two: { packages: { three: true } } } },
  }), { two: { sameView: true, seen: 100 }, threeCount: 3 })
})

test('exporter setters, identity round-trips and instanceof keep working', () => {
  assert.deepEqual(resultFor({
    entry: () => { console.log(JSON.stringify(require('two'))) },
    two: () => {
      const three = require('three')
      three.level = 'debug'
      const made = new three.Thing()
      module.exports = {
        level: three.getLevel(),
        roundTrip: three.isConfig(three.config),
        instance: made instanceof three.Thing,
        created: three.create() instanceof three.Thing,
        arrayLike: Array.isArray(three.list),
      }
    },
    three: () => {
      let level = 'info'
      const config = {}
      class Thing {}
      module.exports = {
        get level() { return level },
        set level(value) { level = value },
        getLevel: () => level,
        config,
        isConfig: (candidate) => candidate === config,
        Thing,
        create: () => new Thing(),
        list: [1, 2],
      }
    },
    policy: { resources: { two: { packages: { three: true } } } },
  }), { level: 'debug', roundTrip: true, instance: true, created: true, arrayLike: true })
})

test('exported objects with internal slots keep working (Map, Set, Date, Promise, Buffer, iterators)', () => {
  assert.deepEqual(resultFor({
    entry: () => {
      require('two').then((two) => console.log(JSON.stringify(two)))
    },
    two: () => {
      const three = require('three')
      module.exports = three.ready.then((ready) => ({
        map: three.map.get('a'),
        set: three.set.has(1),
        year: three.date.getUTCFullYear(),
        ready,
        bytes: three.bytes.length,
        subclass: three.counter.get('b'),
        iterated: [...three.map.keys()],
      }))
    },
    three: () => {
      class CountingMap extends Map {}
      module.exports = {
        map: new Map([['a', 1]]),
        set: new Set([1]),
        date: new Date(Date.UTC(2020, 0, 1)),
        ready: Promise.resolve('ready'),
        bytes: new Uint8Array(3),
        counter: new CountingMap([['b', 2]]),
      }
    },
    policy: { resources: { two: { packages: { three: true } } } },
  }), { map: 1, set: true, year: 2020, ready: 'ready', bytes: 3, subclass: 2, iterated: ['a'] })
})

test('an exported array is a shared registry: pushes reach it, objects with behaviour read from it are still views', () => {
  assert.deepEqual(resultFor({
    entry,
    two: () => {
      const three = require('three')
      three.plugins.push({ name: 'from two' })
      three.plugins[0].name = 'renamed by two'
      module.exports = { length: three.plugins.length, first: three.plugins[0].name }
    },
    one: () => {
      const three = require('three')
      module.exports = { names: three.plugins.map((plugin) => plugin.name) }
    },
    three: () => {
      module.exports = { plugins: [{ name: 'builtin', run: () => 'ran' }] }
      module.exports.report = () => module.exports.plugins.map((plugin) => plugin.name).join()
    },
    policy: { resources: { one: { packages: { three: true } }, two: { packages: { three: true } } } },
  }), { attacker: { length: 2, first: 'renamed by two' }, victim: { names: ['builtin', 'from two'] }, root: 'builtin,from two' })
})

test('a class prototype reached under another name (moment.fn) is the real one, as through prototype', () => {
  assert.deepEqual(resultFor({
    entry,
    two: () => {
      const three = require('three')
      three.fn.tz = function () { return `tz of ${this.name}` }
      module.exports = { own: three.make('a').tz() }
    },
    one: () => {
      const three = require('three')
      module.exports = { other: three.make('b').tz() }
    },
    three: () => {
      function Moment(name) { this.name = name }
      module.exports = { fn: Moment.prototype, make: (name) => new Moment(name) }
    },
    policy: { resources: { one: { packages: { three: true } }, two: { packages: { three: true } } } },
  }), { attacker: { own: 'tz of a' }, victim: { other: 'tz of b' }, root: null })
})

test('a granted leaf of an attenuated builtin is the package\'s own to reassign, even one SES froze (minizlib\'s Buffer.concat)', () => {
  assert.deepEqual(resultFor({
    entry: () => {
      const attacker = require('two')
      const { Buffer } = require('buffer')
      console.log(JSON.stringify({ attacker, root: Buffer.concat([Buffer.from('a'), Buffer.from('b')]).toString() }))
    },
    two: () => {
      const { Buffer } = require('buffer')
      const original = Buffer.concat
      Buffer.concat = (list) => list
      module.exports = { own: Buffer.concat(['x']), restored: ((Buffer.concat = original), Buffer.concat([Buffer.from('c')]).toString()) }
    },
    policy: { resources: { two: { builtin: { 'buffer.Buffer.concat': true, 'buffer.Buffer.from': true } } } },
  }), { attacker: { own: ['x'], restored: 'c' }, root: 'ab' })
})

test('another package\'s function prints its own source through a view (minimizer-webpack-plugin serializes one)', () => {
  const result = resultFor({
    one: () => {
      const { minify } = require('three')
      const toString = Function.prototype.toString
      module.exports = {
        call: toString.call(minify),
        method: minify.toString(),
        native: toString.call(toString).includes('[native code]'),
        frozenFn: toString.call(Math.max).includes('[native code]'),
      }
    },
    three: () => {
      module.exports = { minify: function minify(code) { return code.trim() } }
    },
  })
  const source = 'function minify(code) { return code.trim() }'
  assert.deepEqual(result, { call: source, method: source, native: true, frozenFn: true })
})

test("objects carrying no behaviour (sentinels, tokens, plain data) are the exporter's own, so === with its results holds (minimatch.GLOBSTAR in glob 7, acorn's token types in pug)", () => {
  assert.deepEqual(resultFor({
    entry,
    two: () => {
      const three = require('three')
      const parsed = new three.Matcher('a/**')
      module.exports = {
        sentinel: parsed.parts[1] === three.GLOBSTAR,
        token: parsed.token === three.tokens.eof,
        config: parsed.config === three.config,
        // Anything with a function below it keeps its view: replacing behaviour stays local.
        helpers: parsed.helpers === three.helpers,
      }
    },
    one: () => {
      module.exports = {}
    },
    three: () => {
      const GLOBSTAR = {}
      class Token {
        constructor(label) {
          this.label = label
        }
      }
      const tokens = { eof: new Token('eof'), name: new Token('name') }
      const config = { deep: true, depth: { max: 3 } }
      const helpers = { check: () => true }
      function Matcher(pattern) {
        this.parts = pattern.split('/').map((part) => (part === '**' ? GLOBSTAR : part))
        this.token = tokens.eof
        this.config = config
        this.helpers = helpers
      }
      module.exports = { GLOBSTAR, Matcher, tokens, config, helpers }
    },
    policy: { resources: { one: { packages: { three: true } }, two: { packages: { three: true } } } },
  }), { attacker: { sentinel: true, token: true, config: true, helpers: false }, victim: {}, root: null })
})

test("an instance of a class whose own state is data is the exporter's own, so the exporter's === holds when another package hands it back through a method (vscode-textmate's INITIAL under shiki)", () => {
  assert.deepEqual(resultFor({
    entry,
    two: () => {
      const three = require('three')
      // A real instance (constructed through the class's view): its methods are called directly.
      const grammar = new three.Grammar()
      module.exports = {
        first: grammar.tokenize(three.INITIAL),
        next: grammar.tokenize(grammar.tokenize.last),
        // An instance with a function of its own keeps its view.
        busy: grammar.isBusy(three.busy),
        // Its methods are its class's, on the real prototype, whoever holds it.
        depth: three.INITIAL.depthPlus(1),
      }
    },
    one: () => {
      module.exports = {}
    },
    three: () => {
      class StateStack {
        constructor(ruleId, parent) {
          this.ruleId = ruleId
          this.parent = parent
          this.depth = parent ? parent.depth + 1 : 0
        }
        depthPlus(n) { return this.depth + n }
        static NULL = new StateStack(0, null)
      }
      const busy = new StateStack(1, null)
      busy.work = () => 'busy'
      class Grammar {
        tokenize(state) {
          const first = state === StateStack.NULL
          this.tokenize.last = new StateStack(first ? 7 : state.ruleId + 1, first ? null : state)
          return first ? 'first line' : `rule ${state.ruleId}`
        }
        isBusy(state) { return state === busy }
      }
      module.exports = { INITIAL: StateStack.NULL, Grammar, busy }
    },
    policy: { resources: { one: { packages: { three: true } }, two: { packages: { three: true } } } },
  }), { attacker: { first: 'first line', next: 'rule 7', busy: false, depth: 1 }, victim: {}, root: null })
})

test("an empty function is the exporter's own, so a sentinel stored by one package is === another's (Vue's NOOP: @vue/server-renderer compiles a template only when instance.render === NOOP)", () => {
  assert.deepEqual(resultFor({
    entry: () => { console.log(JSON.stringify(require('two'))) },
    two: () => {
      // two reads NOOP from three and compares it with what one stored from its own import.
      const three = require('three')
      const instance = require('one').createInstance({})
      const withRender = require('one').createInstance({ render: () => 'r' })
      module.exports = {
        noop: instance.render === three.NOOP,
        named: instance.named === three.noop,
        other: withRender.render === three.NOOP,
        // A function that does something, or an empty one with statics, keeps its view.
        busy: instance.busy === three.busy,
        decorated: instance.decorated === three.decorated,
      }
    },
    one: () => {
      const three = require('three')
      exports.createInstance = (component) => ({
        render: component.render || three.NOOP,
        named: three.noop,
        busy: three.busy,
        decorated: three.decorated,
      })
    },
    three: () => {
      const decorated = () => {}
      decorated.extra = 1
      module.exports = { NOOP: () => {}, noop: function noop() {}, busy: () => 1, decorated }
    },
    policy: { resources: { one: { packages: { three: true } }, two: { packages: { one: true, three: true } } } },
  }), { noop: true, named: true, other: false, busy: false, decorated: false })
})

test("a plugin replaces a hook's empty placeholder for everybody (moment-timezone's moment.updateOffset); other replacements stay local", () => {
  assert.deepEqual(resultFor({
    entry,
    two: () => {
      const three = require('three')
      three.updateOffset = (date) => `${date}+tz`
      three.format = () => 'hijacked'
      module.exports = { own: three.render('d') }
    },
    one: () => {
      const three = require('three')
      module.exports = { other: three.render('d') }
    },
    three: () => {
      const hooks = {}
      hooks.updateOffset = function () {}
      hooks.format = (date) => `[${date}]`
      hooks.render = (date) => hooks.format(hooks.updateOffset(date) || date)
      hooks.report = () => hooks.render('r')
      module.exports = hooks
    },
    policy: { resources: { one: { packages: { three: true } }, two: { packages: { three: true } } } },
  }), { attacker: { own: '[d+tz]' }, victim: { other: '[d+tz]' }, root: '[r+tz]' })
})

test("errors made by one package are errors to another, and a message they lack can be added as under node (@hapi/boom's boomify of new Error())", () => {
  const root = scaffold({
    entry: () => {
      const boom = require('one')
      const maker = require('two')
      const results = [
        boom.notFound(),
        boom.boomify(maker.make(), 'Not Found'),
        boom.boomify(maker.make('lost'), 'Not Found'),
        boom.boomify(new Error(), 'from the app'),
        boom.boomify(maker.viaOne(), 'through a view'),
        maker.subclassed(),
      ]
      const plain = new Error()
      console.log(JSON.stringify({ results, appOwn: Object.getOwnPropertyNames(plain).includes('message'), appMessage: plain.message }))
    },
    one: () => {
      // @hapi/boom 10's checks: an Error, and a `message` it may redefine.
      const boomify = (err, message) => {
        if (!(err instanceof Error)) return 'not an error'
        const props = Object.getOwnPropertyDescriptor(err, 'message') || Object.getOwnPropertyDescriptor(Object.getPrototypeOf(err), 'message')
        if (props && (!props.configurable || props.get)) return 'The error is not compatible with boom'
        err.message = message + (err.message ? ': ' + err.message : '')
        return err.message
      }
      module.exports = { boomify, notFound: () => boomify(new Error(undefined), 'Not Found') }
    },
    two: () => {
      const boom = require('one')
      class Computed extends Error {
        get message() { return 'computed' }
      }
      module.exports = {
        make: (message) => new Error(message),
        viaOne: () => {
          const err = new Error()
          return boom.boomify(err, 'in two') === 'in two' ? err : null
        },
        subclassed: () => {
          const err = new Computed()
          return [err.message, Object.getOwnPropertyNames(err).includes('message'), boom.boomify(err, 'x'), err instanceof Error]
        },
      }
    },
    policy: { resources: { one: { packages: {} }, two: { packages: { one: true } } } },
  })
  const plain = spawnSync(NODE, ['index.js'], { cwd: root, encoding: 'utf8' })
  assert.equal(plain.status, 0, plain.stderr)
  const isolated = runProject(root)
  assert.equal(isolated.status, 0, isolated.stderr)
  const expected = JSON.parse(plain.stdout)
  const actual = JSON.parse(isolated.stdout)
  assert.deepEqual(actual.results, expected.results)
  assert.deepEqual(expected.results.slice(0, 5), ['Not Found', 'Not Found', 'Not Found: lost', 'from the app', 'through a view: in two'])
  assert.equal(actual.appMessage, expected.appMessage)
  // The one difference, documented (lib/errors/error-shim.js): the message is its own.
  assert.deepEqual([expected.appOwn, actual.appOwn], [false, true])
})
