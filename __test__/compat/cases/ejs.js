const ejs = require('ejs')
const t = ejs.compile('<ul><% for (const i of locals.items) { %><li><%= i %></li><% } %></ul><%- locals.raw %>', { strict: true })
console.log(t({ items: ['a', '<b>'], raw: '<hr>' }))
console.log(ejs.render('<%= locals.n * 2 %>', { n: 21 }, { strict: true }))
// Default options: the template compiles to a `with (locals) {...}` block.
console.log(ejs.render('<%= a %> <%- b %><% for (var i = 0; i < 2; i++) { %> <%= i %><% } %>', { a: '<i>', b: '<hr>' }))
