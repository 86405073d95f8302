const Table = require('cli-table3')
const table = new Table({ head: ['name', 'n'], style: { head: [], border: [] } })
table.push(['alpha', 1], ['beta', 22], [{ colSpan: 2, content: 'wide cell' }])
console.log(table.toString())
