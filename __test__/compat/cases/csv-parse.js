const { parse } = require('csv-parse')
const { parse: parseSync } = require('csv-parse/sync')
console.log(JSON.stringify(parseSync('a,b\n1,"two, three"\n4,5\n', { columns: true })))
parse('x;y\n"q""uote";2\n', { delimiter: ';' }, (err, rows) => console.log(err, JSON.stringify(rows)))
