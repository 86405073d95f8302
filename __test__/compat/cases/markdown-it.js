const md = require('markdown-it')({ html: true, linkify: true, typographer: true })
console.log(md.render('# Hi\n\nA [link](https://x.test) and https://auto.test -- "quotes"\n\n```js\nlet a = 1\n```\n'))
console.log(md.renderInline('__strong__'))
