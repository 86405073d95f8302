const semver = require('semver')
console.log(semver.satisfies('1.2.3', '^1.0.0'), semver.gt('2.0.0', '1.9.9'), semver.valid('v1.2.3'), semver.inc('1.2.3', 'minor'))
console.log(semver.maxSatisfying(['1.2.3', '1.4.0', '2.0.0'], '~1.4'), semver.coerce('v3.4 beta').version, semver.sort(['3.0.0', '1.0.0', '2.0.0']).join(','))
