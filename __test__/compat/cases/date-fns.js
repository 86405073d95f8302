const { format, addDays, differenceInCalendarDays, parseISO, isWeekend, formatDistance } = require('date-fns')
const d = parseISO('2014-02-11T11:30:30')
console.log(format(d, 'yyyy-MM-dd EEEE'), format(addDays(d, 20), 'MM/dd'), differenceInCalendarDays(parseISO('2015-01-01'), d))
console.log(isWeekend(parseISO('2024-06-01')), formatDistance(parseISO('2020-01-01'), parseISO('2020-01-15')))
