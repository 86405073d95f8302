const htmlparser2 = require('htmlparser2')
const events = []
const parser = new htmlparser2.Parser({
  onopentag: (name, attrs) => events.push('open:' + name + JSON.stringify(attrs)),
  ontext: (t) => t.trim() && events.push('text:' + t.trim()),
  onclosetag: (name) => events.push('close:' + name),
})
parser.write('<div class="x">Hello <b>world</b></div>')
parser.end()
console.log(events.join(' '))
const dom = htmlparser2.parseDocument('<p>a</p><p>b</p>')
console.log(dom.children.length)
