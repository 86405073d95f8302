const BigNumber = require('bignumber.js')
const x = new BigNumber(123.4567)
console.log(x.plus('0.1').toString(), new BigNumber(1).div(3).toFixed(10), new BigNumber('ff', 16).toString(2), x.decimalPlaces(2).toString())
