import init, { transform, browserslistToTargets } from 'lightningcss-wasm'
await init()
const { code, warnings } = transform({
  filename: 'style.css',
  code: new TextEncoder().encode('.a { color: #ff0000; } .b { .c & { display: flex } } .a { margin: 0px 0px }'),
  minify: true,
  targets: { chrome: 80 << 16 },
})
console.log(new TextDecoder().decode(code), warnings.length)
