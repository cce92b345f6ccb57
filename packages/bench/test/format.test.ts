import { describe, expect, it } from 'vitest'
import {
  formatMetricValue,
  formatTarget,
  formatValue,
  renderMarkdownTable,
  renderTextTable,
} from '../src/format.ts'
import { evaluate } from '../src/metric.ts'

describe('formatValue', () => {
  it('shows each unit as a reader expects it', () => {
    expect(formatValue(412.3, 'ms')).toBe('412 ms')
    expect(formatValue(4.25, 'ms')).toBe('4.3 ms')
    expect(formatValue(5.71, 's')).toBe('5.7 s')
    expect(formatValue(1300780, 'bytes')).toBe('1.24 MB')
    expect(formatValue(5321.4, 'req/s')).toBe('5,321 req/s')
    expect(formatValue(31658, 'count')).toBe('31,658')
    expect(formatValue(null, 'ms')).toBe('—')
  })
})

describe('formatTarget', () => {
  it('writes the comparison and the limit in the metric unit, and nothing without a target', () => {
    expect(formatTarget({ op: '<', limit: 1000 }, 'ms')).toBe('< 1,000 ms')
    expect(formatTarget({ op: '<=', limit: 3 * 1024 * 1024 }, 'bytes')).toBe('≤ 3.00 MB')
    expect(formatTarget({ op: '=', limit: 0 }, 'count')).toBe('= 0')
    expect(formatTarget(undefined, 'ms')).toBe('')
  })
})

describe('formatMetricValue', () => {
  it('adds the explaining figures it knows and leaves the others to the results file', () => {
    const value = formatMetricValue({
      id: 'startup.vm.built',
      label: 'start-up vm',
      value: 640,
      unit: 'ms',
      figures: { max: 702.4, listening: 540, runs: 5 },
    })
    expect(value).toBe('640 ms (max 702 ms, listening 540 ms)')
  })
})

describe('renderTextTable', () => {
  it('aligns the columns across measurements and marks each verdict', () => {
    const text = renderTextTable([
      {
        id: 'bundle',
        title: 'Bundle size',
        metrics: [
          evaluate({
            id: 'b',
            label: 'bundle vm',
            value: 1300780,
            unit: 'bytes',
            target: { op: '<=', limit: 3145728 },
          }),
        ],
      },
      {
        id: 'tour',
        title: 'Tour',
        metrics: [
          evaluate({
            id: 't',
            label: 'tour wall time',
            value: 25,
            unit: 's',
            target: { op: '<=', limit: 20 },
            note: 'slow',
          }),
        ],
      },
    ])
    const lines = text.split('\n')
    expect(lines).toContain('bundle vm       1.24 MB  ≤ 3.00 MB  ✔')
    expect(lines).toContain('tour wall time  25.0 s   ≤ 20.0 s   ✖')
    expect(lines).toContain('  note — tour wall time: slow')
    expect(lines[0]).toBe('Bundle size')
  })
})

describe('renderMarkdownTable', () => {
  it('writes one table per measurement and escapes pipes in cells', () => {
    const markdown = renderMarkdownTable([
      {
        id: 'load',
        title: 'Request path',
        metrics: [
          evaluate({ id: 'l', label: 'a | b', value: 0, unit: 'count', target: { op: '=', limit: 0 } }),
        ],
      },
    ])
    expect(markdown).toContain('### Request path')
    expect(markdown).toContain('| a \\| b | 0 | = 0 | ✔ |')
  })
})
