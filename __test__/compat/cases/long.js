const Long = require('long')
const v = Long.fromString('9223372036854775807')
console.log(v.toString(), v.add(1).toString(), Long.fromBits(0xffffffff, 0x7fffffff).equals(v), Long.fromNumber(-5).toUnsigned().toString(16))
