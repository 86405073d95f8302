const Big = require('big.js')
console.log(new Big(0.1).plus(0.2).toString(), new Big('123.456').round(1).toString(), new Big(2).pow(64).toFixed())
