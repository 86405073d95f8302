'use strict'
module.exports = {
  testMatch: ['<rootDir>/test/*.test.js'],
  // Each run starts the same: no cache left from the last one, no worker processes.
  cache: false,
  maxWorkers: 1,
}
