import { describe, expect, it } from 'vitest'
import { MEASUREMENT_IDS } from '../src/cli-args.ts'
import { evaluate } from '../src/metric.ts'
import { type BenchRun, describeLoad, historyLine, isFullRun, renderMarkdown } from '../src/results.ts'

const run = (overrides: Partial<BenchRun> = {}): BenchRun => ({
  schema: 'uami.bench/1',
  date: '2026-11-27T10:00:00.000Z',
  command: 'npm run bench',
  durationSeconds: 120,
  quick: false,
  measurements: MEASUREMENT_IDS,
  machine: {
    node: 'v22.23.3',
    platform: 'linux 6.1',
    cpuCount: 2,
    cpuModel: 'AMD EPYC',
    memoryGb: 8,
    commit: 'abc1234',
    dirty: false,
    loadAverage: { start: 0.5, end: 1.5 },
  },
  passed: false,
  sections: [
    {
      id: 'tour',
      title: 'Tour',
      metrics: [
        evaluate({
          id: 'tour.wall',
          label: 'tour wall time',
          value: 25,
          unit: 's',
          target: { op: '<=', limit: 20 },
        }),
      ],
    },
  ],
  ...overrides,
})

describe('isFullRun', () => {
  it('is true only for a run of every measurement at full length', () => {
    expect(isFullRun(run(), MEASUREMENT_IDS)).toBe(true)
    expect(isFullRun(run({ quick: true }), MEASUREMENT_IDS)).toBe(false)
    expect(isFullRun(run({ measurements: ['bundle'] }), MEASUREMENT_IDS)).toBe(false)
  })
})

describe('historyLine', () => {
  it('is one JSON line with the commit, the verdict and every value by metric ID', () => {
    const line = historyLine(run())
    expect(line).not.toContain('\n')
    expect(JSON.parse(line)).toMatchObject({ commit: 'abc1234', passed: false, values: { 'tour.wall': 25 } })
  })
})

describe('renderMarkdown', () => {
  it('names the command, the machine and each missed target', () => {
    const markdown = renderMarkdown(run())
    expect(markdown).toContain('`npm run bench`')
    expect(markdown).toContain('2 × AMD EPYC')
    expect(markdown).toContain('**1 target(s) missed:** tour wall time.')
  })
})

describe('describeLoad', () => {
  it('says when other work competed for the CPUs', () => {
    const machine = run().machine
    expect(describeLoad({ ...machine, loadAverage: { start: 3.8, end: 11 } })).toMatch(
      /3.8 at the start, 11 at the end: above the 2 CPUs/,
    )
    expect(describeLoad({ ...machine, loadAverage: { start: 0.4, end: 1.9 } })).toMatch(
      /no more than the 2 CPUs/,
    )
  })
})
