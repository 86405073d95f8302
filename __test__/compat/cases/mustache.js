const Mustache = require('mustache')
console.log(Mustache.render('{{title}}: {{#items}}<{{.}}>{{/items}}{{^none}} none{{/none}} {{&html}}', { title: 'T', items: ['a', 'b'], html: '<b>x</b>' }))
console.log(Mustache.render('{{> part}}', { v: 1 }, { part: 'partial {{v}}' }))
