// winston 3: a console transport captured, a stream transport, formats, child loggers.
const winston = require('winston')
const Transport = require('winston-transport')
const { Writable } = require('node:stream')

const seen = []
class Memory extends Transport {
  log(info, callback) { seen.push(`${info.level}|${info.message}|${info.svc || ''}`); callback() }
}
const out = []
const stream = new Writable({ write(chunk, _enc, cb) { out.push(chunk.toString().trim()); cb() } })
const logger = winston.createLogger({
  level: 'debug',
  format: winston.format.combine(winston.format.splat(), winston.format.label({ label: 'L' }), winston.format.printf((i) => `[${i.label}] ${i.level}: ${i.message}`)),
  transports: [new Memory(), new winston.transports.Stream({ stream })],
})
logger.info('hello %s', 'world')
logger.child({ svc: 'db' }).debug('query %d', 42)
logger.error(new Error('failed'))
logger.silly('too low')
const json = winston.createLogger({ format: winston.format.json(), transports: [new winston.transports.Stream({ stream })] })
json.warn('as json', { a: 1 })
setImmediate(() => { console.log(seen.join('\n')); console.log(out.join('\n')) })
