const stringWidth = require('string-width')
console.log(stringWidth('abc'), stringWidth('古'), stringWidth('\u001B[1m古\u001B[22m'), stringWidth('👩‍👩‍👧'))
