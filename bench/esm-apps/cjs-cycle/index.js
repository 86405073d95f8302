// semver/classes/range.js and comparator.js require each other (a CommonJS cycle)
import Range from 'semver/classes/range.js'
import Comparator from 'semver/classes/comparator.js'
const range = new Range('>=1.2.3 <2.0.0 || ^3.1')
console.log(range.test('1.5.0'), range.test('2.0.0'), range.test('3.4.1'))
console.log(new Comparator('>=1.0.0').test('1.0.1'), range.set.length)
