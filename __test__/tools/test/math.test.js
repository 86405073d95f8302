'use strict'
const { add, mean } = require('../src/math')

describe('math (jest)', () => {
  test('adds', () => {
    expect(add(2, 3)).toBe(5)
  })
  test('takes the mean', () => {
    expect(mean([1, 2, 3, 6])).toBe(3)
  })
})
