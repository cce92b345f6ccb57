import { describe, expect, it } from 'vitest'
import { max, median, min, round } from '../src/stats.ts'

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([900, 300, 600])).toBe(600)
  })

  it('takes the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })

  it('refuses an empty list instead of returning NaN', () => {
    expect(() => median([])).toThrow(RangeError)
  })
})

describe('max and min', () => {
  it('find the extremes without changing the list', () => {
    const values = [5, 9, 1]
    expect(max(values)).toBe(9)
    expect(min(values)).toBe(1)
    expect(values).toEqual([5, 9, 1])
  })
})

describe('round', () => {
  it('keeps the requested decimals', () => {
    expect(round(412.3456)).toBe(412.3)
    expect(round(412.3456, 0)).toBe(412)
    expect(round(0.125, 2)).toBe(0.13)
  })
})
