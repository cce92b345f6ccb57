import { describe, expect, it } from 'vitest'
import { allTargetsMet, evaluate, failedMeasurement, type Metric, meets } from '../src/metric.ts'

const startup = (value: number | null): Metric => ({
  id: 'startup.vm.built',
  label: 'start-up vm',
  value,
  unit: 'ms',
  target: { op: '<', limit: 1000 },
})

describe('meets', () => {
  it('compares strictly for <, inclusively for <=, exactly for =', () => {
    expect(meets(999, { op: '<', limit: 1000 })).toBe(true)
    expect(meets(1000, { op: '<', limit: 1000 })).toBe(false)
    expect(meets(3145728, { op: '<=', limit: 3145728 })).toBe(true)
    expect(meets(0, { op: '=', limit: 0 })).toBe(true)
    expect(meets(1, { op: '=', limit: 0 })).toBe(false)
  })

  it('never lets a missing value pass', () => {
    expect(meets(null, { op: '<=', limit: 20 })).toBe(false)
    expect(meets(Number.NaN, { op: '<=', limit: 20 })).toBe(false)
  })
})

describe('evaluate', () => {
  it('passes or fails a metric with a target, and marks one without a target informational', () => {
    expect(evaluate(startup(412)).verdict).toBe('pass')
    expect(evaluate(startup(1412)).verdict).toBe('fail')
    expect(evaluate({ id: 'emulator.tokens', label: 'tokens', value: 500, unit: 'req/s' }).verdict).toBe(
      'info',
    )
  })
})

describe('allTargetsMet', () => {
  it('holds only when no metric failed (informational metrics do not count)', () => {
    const info = evaluate({ id: 'i', label: 'i', value: 1, unit: 'count' })
    expect(allTargetsMet([evaluate(startup(412)), info])).toBe(true)
    expect(allTargetsMet([evaluate(startup(412)), evaluate(startup(1412))])).toBe(false)
  })
})

describe('failedMeasurement', () => {
  it('records a measurement that could not be made as a missed target with the first line of the reason', () => {
    const metric = evaluate(failedMeasurement('tour', new Error('The tour exited early.\n    at stack')))
    expect(metric).toMatchObject({
      id: 'tour.error',
      value: null,
      verdict: 'fail',
      note: 'The tour exited early.',
    })
  })
})
