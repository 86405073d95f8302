const moment = require('moment-timezone')
const t = moment.tz('2021-03-28 01:30', 'Europe/Berlin')
console.log(t.format(), t.clone().add(1, 'hour').format(), t.tz('America/New_York').format('YYYY-MM-DD HH:mm z'))
console.log(moment.tz.zone('Asia/Tokyo').utcOffset(0))
