const minimatch = require('minimatch')
console.log(minimatch('bar.foo', '*.foo'), minimatch('a/b/c.js', '**/*.js'), minimatch('.x', '*'), minimatch('.x', '*', { dot: true }))
console.log(['a.js', 'b.ts', 'c.js'].filter(minimatch.filter('*.js')).join(','), minimatch.makeRe('a?c').source)
