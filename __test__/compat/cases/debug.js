const debug = require('debug')
debug.enable('compat:*')
const log = debug('compat:main')
log.log = (...args) => console.log(...args.map((a) => String(a).replace(/^\S+ /, '')))
debug.formatArgs = function (args) { args[0] = this.namespace + ' ' + args[0] }
log('value %o and %d', { a: 1 }, 42)
console.log(log.enabled, debug('other').enabled, debug.names.map(String).join(','))
