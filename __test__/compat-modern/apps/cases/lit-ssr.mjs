// lit SSR on plain node: @lit-labs/ssr renders a LitElement with its declarative shadow root.
import { render } from '@lit-labs/ssr'
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js'
import { html, css, LitElement } from 'lit'

class MyGreeting extends LitElement {
  static properties = { name: { type: String } }
  static styles = css`p { color: blue; }`
  constructor() { super(); this.name = 'world' }
  render() { return html`<p>Hello, ${this.name}! ${[1, 2, 3].map((i) => html`<i>${i}</i>`)}</p>` }
}
customElements.define('my-greeting', MyGreeting)
const result = render(html`<section><my-greeting name="lava"></my-greeting><span>${'<escaped>'}</span></section>`)
console.log(collectResultSync(result).replace(/<!--lit-part [^>]*-->/g, '<!--lit-part-->'))
