// Preact with hooks rendered by preact-render-to-string.
const { h, createContext } = require('preact')
const { useState, useMemo, useContext } = require('preact/hooks')
const { render } = require('preact-render-to-string')

const Lang = createContext('en')
function Greeting({ name }) {
  const [n] = useState(3)
  const stars = useMemo(() => '*'.repeat(n), [n])
  const lang = useContext(Lang)
  return h('div', { class: 'greet', 'data-lang': lang }, `Hello ${name} ${stars}`, h('b', null, '<&>'))
}
console.log(render(h(Lang.Provider, { value: 'fr' }, h(Greeting, { name: 'lava' }))))
console.log(render(h('ul', null, [1, 2, 3].map((i) => h('li', { key: i, style: { color: 'red', fontSize: i } }, i)))))
