const { ThreadWorker } = require('poolifier')
module.exports = new ThreadWorker((data) => ({ doubled: data.n * 2 }))
