const postcss = require('postcss')
const plugin = { postcssPlugin: 'double', Once: (root) => root.walkDecls('margin', (decl) => { decl.value = decl.value.replace(/(\d+)px/g, (m, n) => n * 2 + 'px') }) }
postcss([plugin]).process('a { margin: 5px 10px; color: red }', { from: undefined }).then((r) => {
  console.log(r.css)
  const root = postcss.parse('.x{}.y{}')
  console.log(root.nodes.map((n) => n.selector).join(','))
})
