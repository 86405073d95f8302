const { marked } = require('marked')
console.log(marked.parse('# Title\n\nSome *emph* and `code`.\n\n- a\n- b\n\n<!-- comment -->\n', { mangle: false, headerIds: false }))
console.log(marked.lexer('**bold**').map((t) => t.type).join(','))
