const pug = require('pug')
const fn = pug.compile(`
doctype html
html
  head
    title= title
  body
    mixin item(n)
      li.item(data-n=n)= 'item ' + n
    ul
      each n in list
        +item(n)
    if admin
      p.admin Admin & co
    p!= raw
`, { pretty: false })
console.log(fn({ title: 'Pug <t>', list: [1, 2], admin: true, raw: '<em>raw</em>' }))
console.log(pug.render('p #{a} #[b bold]', { a: '<x>' }))
