const winston = require('winston')
const { Writable } = require('stream')
const lines = []
const stream = new Writable({ write(c, e, cb) { lines.push(c.toString().trim()); cb() } })
const logger = winston.createLogger({
  level: 'info',
  format: winston.format.combine(winston.format.label({ label: 'compat' }), winston.format.json()),
  transports: [new winston.transports.Stream({ stream })],
})
logger.info('hello', { n: 1 })
logger.debug('hidden')
logger.warn('careful')
const printf = winston.format.printf(({ level, message }) => `${level}: ${message}`)
console.log(printf.transform({ level: 'info', message: 'fmt', [Symbol.for('level')]: 'info' })[Symbol.for('message')])
setTimeout(() => console.log(lines.join('\n')), 20)
