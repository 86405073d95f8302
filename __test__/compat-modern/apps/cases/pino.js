// pino to a stream of our own, fixed time, child loggers, redaction, serializers.
const pino = require('pino')
const { Writable } = require('node:stream')
const lines = []
const sink = new Writable({ write(chunk, _enc, cb) { lines.push(chunk.toString().trim()); cb() } })
const logger = pino({ level: 'debug', base: { app: 'compat' }, timestamp: () => ',"time":0', redact: ['user.password'], serializers: { err: pino.stdSerializers.err } }, sink)
logger.info({ user: { name: 'ann', password: 'secret' } }, 'login %s', 'ok')
logger.child({ reqId: 7 }).debug('child line')
logger.warn(new TypeError('bad thing'))
logger.trace('hidden')
setImmediate(() => {
  for (const line of lines) {
    const entry = JSON.parse(line)
    if (entry.err) entry.err.stack = entry.err.stack.split('\n')[0]
    console.log(JSON.stringify(entry))
  }
})
