const mm = require('micromatch')
console.log(mm(['a.js', 'b.md', 'c/d.js'], ['**/*.js', '!c/**']).join(','))
console.log(mm.isMatch('foo.txt', '*.{txt,md}'), mm.braces('a/{b,c}/d', { expand: true }).join(','))
