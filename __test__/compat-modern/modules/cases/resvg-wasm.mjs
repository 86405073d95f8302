import { initWasm, Resvg } from '@resvg/resvg-wasm'
import fs from 'node:fs'
import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
await initWasm(fs.readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')))
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect x="5" y="5" width="30" height="10" fill="#0a0"/></svg>'
const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: 80 } })
const image = resvg.render()
const pixels = image.pixels
console.log(image.width, image.height, pixels.length, Array.from(pixels.slice((10 * 80 + 40) * 4, (10 * 80 + 40) * 4 + 4)).join(','))
const png = image.asPng()
console.log(png.length > 0, Buffer.from(png.slice(1, 4)).toString())
