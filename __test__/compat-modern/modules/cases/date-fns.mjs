import { format, addDays, differenceInCalendarDays, parseISO, formatDistanceStrict, isWeekend } from 'date-fns'
import { fr } from 'date-fns/locale'
const date = parseISO('2024-02-28T12:00:00')
console.log(format(addDays(date, 2), 'yyyy-MM-dd EEEE'))
console.log(format(date, 'PPPP', { locale: fr }))
console.log(differenceInCalendarDays(parseISO('2025-01-01'), date), isWeekend(parseISO('2024-03-02')))
console.log(formatDistanceStrict(date, addDays(date, 40)))
