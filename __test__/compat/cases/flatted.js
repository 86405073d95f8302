const { parse, stringify } = require('flatted')
const a = [{}]
a[0].a = a
a.push(a)
const s = stringify(a)
console.log(s)
const back = parse(s)
console.log(back[0].a === back, back[1] === back)
