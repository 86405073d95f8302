'use strict'
// Parses one generated document 20 times: the work runs inside the `marked` package.

const { marked } = require('marked')

const section = (i) => `
## Section ${i}

Some *emphasis*, some **strong text**, \`inline code\` and a [link](https://example.com/${i}).

- item one of ${i}
- item two with _nested_ markup
  1. ordered
  2. list

> a quote about section ${i}

| column a | column b |
| -------- | -------- |
| ${i}     | ${i * 2} |

\`\`\`js
function section${i}() { return ${i} }
\`\`\`
`

const document = Array.from({ length: 200 }, (_, i) => section(i)).join('\n')
let html = ''
const started = process.hrtime.bigint()
for (let i = 0; i < 20; i++) html = marked.parse(document)
const workMs = Number(process.hrtime.bigint() - started) / 1e6
console.log(`${html.length} characters of HTML`)
// Read by the bench: the parsing's own cost, start excluded.
console.log(`bench-work-ms: ${workMs}`)
