// Vue 3 server rendering with a render function (h) and the composition API.
const { createSSRApp, h, ref, computed } = require('vue')
const { renderToString } = require('@vue/server-renderer')

const Item = { props: ['label'], setup(props) { return () => h('li', { class: 'item' }, props.label) } }
const app = createSSRApp({
  setup() {
    const count = ref(2)
    const items = computed(() => Array.from({ length: count.value + 1 }, (_, i) => `item ${i}`))
    return () => h('div', { id: 'app' }, [h('h1', `Count: ${count.value}`), h('ul', items.value.map((label) => h(Item, { label, key: label })))])
  },
})
renderToString(app).then((html) => console.log(html))
