import { createHighlighter } from 'shiki'
import { createOnigurumaEngine } from 'shiki/engine/oniguruma'
const highlighter = await createHighlighter({ themes: ['github-light'], langs: ['javascript'], engine: createOnigurumaEngine(import('shiki/wasm')) })
// No time limit: the first line's tokenizing compiles the grammar's regexes, which can take more
// than the default 500 ms on a loaded machine, and then the line comes back untokenized.
const options = { lang: 'javascript', theme: 'github-light', tokenizeTimeLimit: 0 }
console.log(highlighter.codeToHtml('const answer = 42 // yes', options))
const tokens = highlighter.codeToTokensBase('let x = "s"', options)
console.log(tokens[0].map((token) => `${token.content}|${token.color}`).join(' '))
highlighter.dispose()
