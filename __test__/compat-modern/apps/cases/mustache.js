const Mustache = require('mustache')
const view = { title: 'Joe <b>', calc: () => 2 + 4, items: [{ n: 'a' }, { n: 'b' }], empty: [] }
console.log(Mustache.render('{{title}} spends {{calc}} {{{title}}}\n{{#items}}- {{n}}\n{{/items}}{{^empty}}none{{/empty}}', view))
console.log(Mustache.render('{{> head}} body', { x: 1 }, { head: '<h{{x}}>' }))
console.log(JSON.stringify(Mustache.parse('a {{b}} {{#c}}d{{/c}}')))
