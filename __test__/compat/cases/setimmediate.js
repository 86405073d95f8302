// The setImmediate polyfill: it must recognise Node's process and use process.nextTick, and the
// process must end (its MessageChannel fallback would keep it alive).
require('setimmediate')
const order = []
setImmediate((a, b) => order.push(`immediate ${a}${b}`), 1, 2)
const handle = setImmediate(() => order.push('cleared'))
clearImmediate(handle)
Promise.resolve().then(() => order.push('microtask'))
setTimeout(() => console.log(order.join(', ')), 20)
