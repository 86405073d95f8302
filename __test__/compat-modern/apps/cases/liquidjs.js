const { Liquid } = require('liquidjs')
const engine = new Liquid({ templates: { 'hdr.liquid': '<h1>{{ title | upcase }}</h1>' } })
engine.registerFilter('twice', (v) => `${v}${v}`)
const tpl = `{% render 'hdr.liquid', title: title %}{% for p in products %}{{ forloop.index }}:{{ p.name | escape }}={{ p.price | times: 2 | round: 1 }} {% endfor %}{% if products.size > 1 %}many{% endif %} {{ 'ab' | twice }} {{ list | join: ',' }}`
engine.parseAndRender(tpl, { title: 'shop', products: [{ name: 'a<b', price: 1.25 }, { name: 'c', price: 3 }], list: [3, 1, 2] })
  .then((out) => console.log(out))
console.log(engine.parseAndRenderSync('{% assign x = 5 | plus: 3 %}{{ x }} {{ "2024-01-02T03:04:05Z" | date: "%Y/%m/%d", "UTC" }}'))
