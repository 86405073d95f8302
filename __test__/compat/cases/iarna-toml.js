const TOML = require('@iarna/toml')
const data = TOML.parse('title = "T"\n[owner]\nname = "Tom"\n[[fruit]]\nname = "apple"\n[[fruit]]\nname = "pear"\n')
console.log(JSON.stringify(data))
console.log(TOML.stringify({ a: 1, b: { c: [1, 2] } }))
