'use strict'

function add(a, b) {
  return a + b
}

function mean(values) {
  let sum = values.reduce(add, 0)
  return sum / values.length
}

module.exports = { add, mean }
