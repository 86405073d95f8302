'use strict'
const assert = require('node:assert/strict')
const { add, mean } = require('../src/math')

describe('math (mocha)', () => {
  it('adds', () => {
    assert.equal(add(2, 3), 5)
  })
  it('takes the mean', () => {
    assert.equal(mean([1, 2, 3, 6]), 3)
  })
})
