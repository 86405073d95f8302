'use strict'
// CommonJS entry requiring ESM-only packages (require(esm), Node >= 22.12)
const { customAlphabet } = require('nanoid')
const escapeStringRegexp = require('escape-string-regexp').default
console.log(customAlphabet('z', 3)(), escapeStringRegexp('1+1=2?'))
