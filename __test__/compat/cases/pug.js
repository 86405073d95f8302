const pug = require('pug')
const fn = pug.compile('doctype html\nhtml\n  body\n    h1= title\n    each n in list\n      p.item(data-n=n) Item #{n}\n    if flag\n      span yes\n')
console.log(fn({ title: 'Pug', list: [1, 2], flag: true }))
console.log(pug.render('a(href="/x") link'))
