import { describe, expect, it } from 'vitest'
import { formatMetricValue, formatTarget, formatValue } from '../src/format.ts'
import { evaluate, meets } from '../src/metric.ts'
import { renderRatioChart } from '../src/ratio-chart.ts'

const throughput = evaluate({
  id: 'ratio.vm.config',
  label: 'ratio vm, GET /config/:key ÷ bare Fastify (same bytes)',
  value: 0.84,
  unit: 'ratio',
  target: { op: '>=', limit: 0.9 },
  figures: { candidate: 21000, baseline: 25000, ratioMin: 0.8, ratioMax: 0.88, rounds: 3 },
})
const coldStart = evaluate({
  id: 'ratio.vm.startup.bundle',
  label: 'ratio vm, start-up of dist/bundle/server.mjs ÷ bare Fastify’s',
  value: 1.4,
  unit: 'ratio',
  target: { op: '<=', limit: 1.5 },
})
const info = evaluate({ id: 'ratio.vm.home', label: 'ratio vm, GET / <html>', value: 0.7, unit: 'ratio' })

describe('ratios', () => {
  it('a throughput ratio meets a ≥ target only at or above it', () => {
    expect(meets(0.9, { op: '>=', limit: 0.9 })).toBe(true)
    expect(meets(0.89, { op: '>=', limit: 0.9 })).toBe(false)
    expect(throughput.verdict).toBe('fail')
    expect(coldStart.verdict).toBe('pass')
    expect(info.verdict).toBe('info')
  })

  it('are shown as 0.84× with both medians and the range of the rounds', () => {
    expect(formatValue(0.8449, 'ratio')).toBe('0.84×')
    expect(formatTarget({ op: '>=', limit: 0.9 }, 'ratio')).toBe('≥ 0.90×')
    expect(formatMetricValue(throughput)).toBe(
      '0.84× (sample 21,000 req/s, bare 25,000 req/s, 3 rounds, rounds 0.80–0.88×)',
    )
  })
})

describe('renderRatioChart', () => {
  it('draws one bar per ratio, coloured by verdict, with a target tick, and escapes labels', () => {
    const svg = renderRatioChart(
      [{ id: 'load', title: 'Load', metrics: [throughput, coldStart, info] }],
      'ratios <test>',
    )
    expect(svg).toBeDefined()
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(svg?.match(/<rect x=/g)).toHaveLength(3)
    expect(svg).toContain('fill="#c62828"') // missed
    expect(svg).toContain('fill="#2e7d32"') // met
    expect(svg).toContain('fill="#9e9e9e"') // informational
    expect(svg?.match(/stroke-width="2"/g)).toHaveLength(2) // targets of the two judged ratios
    expect(svg).toContain('ratios &lt;test&gt;')
    expect(svg).toContain('vm, GET / &lt;html&gt;')
    expect(svg).not.toContain('<html>')
  })

  it('draws nothing for a run without ratios', () => {
    expect(renderRatioChart([{ id: 'bundle', title: 'Bundle', metrics: [] }], 'x')).toBeUndefined()
  })
})
