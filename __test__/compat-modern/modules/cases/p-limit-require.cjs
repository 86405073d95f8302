// require(esm) of an ESM-only package from CommonJS, its default export a function.
const { default: pLimit } = require('p-limit')
const stripAnsi = require('strip-ansi').default
const limit = pLimit(1)
Promise.all([limit(async () => 'a'), limit(() => stripAnsi('\u001B[31mb\u001B[39m'))]).then((values) => console.log(values.join(',')))
