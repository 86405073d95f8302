import { from, of, interval, firstValueFrom, lastValueFrom, Subject } from 'rxjs'
import { map, filter, take, scan, mergeMap, toArray } from 'rxjs/operators'
console.log(await lastValueFrom(from([1, 2, 3, 4, 5]).pipe(filter((n) => n % 2), map((n) => n * 10), scan((a, b) => a + b, 0))))
console.log(JSON.stringify(await firstValueFrom(interval(1).pipe(take(3), toArray()))))
console.log(JSON.stringify(await lastValueFrom(of(1, 2).pipe(mergeMap((n) => of(n, n * 100)), toArray()))))
const subject = new Subject()
const seen = []
subject.subscribe((value) => seen.push(value))
subject.next('a'); subject.next('b'); subject.complete()
console.log(seen.join(','))
