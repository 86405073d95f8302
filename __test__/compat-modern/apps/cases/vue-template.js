// Vue 3 server rendering of template strings compiled at run time (the full build of vue,
// with its compiler; issue 19 item 8).
const { createSSRApp, ref, computed } = require('vue')
const { renderToString } = require('@vue/server-renderer')

const app = createSSRApp({
  template: `<div id="app"><h1>{{ title }}</h1><p v-if="show">shown {{ doubled }}</p><ul><li v-for="x in items" :key="x" :class="{ odd: x % 2 }">{{ x }}</li></ul><child msg="hi"/></div>`,
  setup() {
    const count = ref(4)
    return { title: 'Vue <SSR>', show: true, items: [1, 2, 3], doubled: computed(() => count.value * 2) }
  },
})
app.component('child', { props: ['msg'], template: '<span class="child">{{ msg.toUpperCase() }}</span>' })
renderToString(app).then((html) => console.log(html))
