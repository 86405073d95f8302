const BN = require('bn.js')
const a = new BN('123456789012345678901234567890')
const b = new BN('ff', 16)
console.log(a.mul(b).toString(10), a.mod(new BN(97)).toString(), b.pow(new BN(10)).toString(16), a.bitLength())
