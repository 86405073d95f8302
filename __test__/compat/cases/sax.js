const sax = require('sax')
const parser = sax.parser(true)
const out = []
parser.onopentag = (n) => out.push('<' + n.name + ' ' + JSON.stringify(n.attributes))
parser.ontext = (t) => out.push('"' + t + '"')
parser.onend = () => console.log(out.join(' '))
parser.write('<a x="1"><b>text</b></a>').close()
