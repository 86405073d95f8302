const workerpool = require('workerpool')
workerpool.worker({ add: (a, b) => a + b })
