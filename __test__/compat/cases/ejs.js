const ejs = require('ejs')
const t = ejs.compile('<ul><% for (const i of locals.items) { %><li><%= i %></li><% } %></ul><%- locals.raw %>', { strict: true })
console.log(t({ items: ['a', '<b>'], raw: '<hr>' }))
console.log(ejs.render('<%= locals.n * 2 %>', { n: 21 }, { strict: true }))
