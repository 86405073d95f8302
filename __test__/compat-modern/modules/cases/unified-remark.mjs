import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkHtml from 'remark-html'
const file = await unified().use(remarkParse).use(remarkHtml).process('# Title\n\nSome *emphasis* and `code`.\n\n- one\n- two\n')
console.log(String(file))
const tree = unified().use(remarkParse).parse('a [link](http://x.test)')
console.log(tree.children[0].children.map((node) => node.type).join(','))
