import { addMonths, differenceInCalendarDays, format, eachWeekendOfMonth } from 'date-fns'
const start = new Date(2024, 0, 31)
console.log(format(addMonths(start, 1), 'yyyy-MM-dd'), differenceInCalendarDays(new Date(2024, 11, 25), start))
console.log(eachWeekendOfMonth(new Date(2024, 1, 1)).map((d) => d.getDate()).join())
