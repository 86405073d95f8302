const pino = require('pino')
const { Writable } = require('stream')
const lines = []
const stream = new Writable({ write(c, e, cb) { lines.push(c.toString().trim()); cb() } })
const logger = pino({ base: undefined, timestamp: false }, stream)
logger.info({ user: 'lava' }, 'hello %s', 'world')
logger.child({ mod: 'x' }).warn('child')
logger.debug('not shown')
setTimeout(() => console.log(lines.join('\n')), 20)
