const yaml = require('js-yaml')
console.log(JSON.stringify(yaml.load('anchors:\n  base: &b {x: 1}\n  derived:\n    <<: *b\n    y: 2\ndate: 2001-12-14\n')))
console.log(yaml.dump({ a: [1, { b: 'multi\nline' }], c: true }))
try { yaml.load('a: [') } catch (e) { console.log(e.name) }
