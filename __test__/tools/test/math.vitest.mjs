import { describe, expect, test } from 'vitest'
import math from '../src/math.js'

describe('math (vitest)', () => {
  test('adds', () => {
    expect(math.add(2, 3)).toBe(5)
  })
  test('takes the mean', () => {
    expect(math.mean([1, 2, 3, 6])).toBe(3)
  })
})
