const log = require('loglevel')
log.setLevel('warn')
const originalFactory = log.methodFactory
log.methodFactory = (name, level, logger) => (msg) => console.log('[' + name + '] ' + msg)
log.setLevel(log.getLevel())
log.info('hidden')
log.warn('shown')
log.error('also shown')
console.log(log.getLevel(), typeof originalFactory, log.getLogger('child').getLevel())
