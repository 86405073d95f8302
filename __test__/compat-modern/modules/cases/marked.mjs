import { marked, Marked } from 'marked'
console.log(marked.parse('# Hi\n\n**bold** and [a](http://x.test)\n\n```js\nlet a = 1\n```\n'))
const custom = new Marked({ renderer: { heading({ tokens, depth }) { return `<h${depth} class="x">${this.parser.parseInline(tokens)}</h${depth}>\n` } } })
console.log(custom.parse('## Sub'))
console.log(marked.lexer('- a\n- b')[0].items.length)
