const minimist = require('minimist')
const argv = minimist(['-x', '3', '-y', '4', '-abc', '--beep=boop', 'foo', '--no-ding', '--', '--rest'], { boolean: ['ding'] })
console.log(JSON.stringify(argv))
