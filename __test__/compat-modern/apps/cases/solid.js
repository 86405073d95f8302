// Solid server rendering without a compiler: solid-js/web's renderToString with the
// tagged-template html helper (solid-js/html) and signals.
const { renderToString, ssr, escape, createComponent } = require('solid-js/web')
const { createSignal, createMemo, For } = require('solid-js')

function Counter(props) {
  const [count] = createSignal(props.start)
  const doubled = createMemo(() => count() * 2)
  return ssr(['<p class="counter">', ' doubled=', '</p>'], escape(count()), escape(doubled()))
}
function App() {
  return ssr(['<main>', '<ul>', '</ul></main>'],
    createComponent(Counter, { start: 5 }),
    createComponent(For, { each: ['a', '<b>', 'c'], children: (item) => ssr(['<li>', '</li>'], escape(item)) }))
}
console.log(renderToString(() => createComponent(App, {})))
