const log4js = require('log4js')
const lines = []
log4js.configure({
  appenders: { mem: { type: { configure: () => (ev) => lines.push(ev.categoryName + ' ' + ev.level.levelStr + ' ' + ev.data.join(' ')) } } },
  categories: { default: { appenders: ['mem'], level: 'info' } },
})
const logger = log4js.getLogger('compat')
logger.info('hello', 1)
logger.debug('hidden')
logger.error('bad')
log4js.shutdown(() => console.log(lines.join('\n')))
