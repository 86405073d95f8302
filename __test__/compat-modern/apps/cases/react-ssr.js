// React 19 server rendering: renderToString of components using hooks, then a streamed render.
const React = require('react')
const { renderToString, renderToPipeableStream } = require('react-dom/server')
const { Writable } = require('node:stream')
const h = React.createElement

const Theme = React.createContext('light')
function Counter({ start }) {
  const [count] = React.useState(start)
  const doubled = React.useMemo(() => count * 2, [count])
  const id = React.useId()
  const theme = React.useContext(Theme)
  return h('p', { id, className: theme }, `count=${count} doubled=${doubled}`)
}
function List({ items }) {
  const ref = React.useRef(null)
  return h('ul', { ref }, items.map((item) => h('li', { key: item }, item)))
}
function App() {
  return h(Theme.Provider, { value: 'dark' }, h('main', null, h(Counter, { start: 21 }), h(List, { items: ['a', 'b & c', '<d>'] })))
}
console.log(renderToString(h(App)))

let html = ''
const sink = new Writable({ write(chunk, _enc, cb) { html += chunk; cb() } })
sink.on('finish', () => console.log('stream:', html))
const stream = renderToPipeableStream(h(App), {
  onAllReady() { stream.pipe(sink) },
  onError(error) { console.error('error', error) },
})
