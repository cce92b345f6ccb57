import type { Section } from './format.js'
import type { EvaluatedMetric } from './metric.js'

const ROW = 22
const LABEL_WIDTH = 520
const BAR_WIDTH = 360
const MARGIN = 16

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

/**
 * The ratios of a run (every metric in `ratio`) as an SVG bar chart: one bar per ratio on a common scale, its value,
 * its target as a tick, green when met, red when missed, grey when informational.
 *
 * @param sections - The run's measurements.
 * @param title - The chart's title, e.g. the date and machine.
 * @returns The SVG document; `undefined` when the run has no ratio.
 */
export function renderRatioChart(sections: readonly Section[], title: string): string | undefined {
  const ratios = sections.flatMap((section) => section.metrics).filter((metric) => metric.unit === 'ratio')
  if (ratios.length === 0) return undefined
  const scaleMax = Math.max(
    2,
    ...ratios.map((metric) => Math.max(metric.value ?? 0, metric.target?.limit ?? 0)),
  )
  const x = (value: number) => LABEL_WIDTH + (Math.min(value, scaleMax) / scaleMax) * BAR_WIDTH
  const height = MARGIN * 2 + 40 + ratios.length * ROW
  const width = LABEL_WIDTH + BAR_WIDTH + 90
  const rows = ratios.map((metric, index) => row(metric, 40 + MARGIN + index * ROW, x))
  const one = x(1)
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${MARGIN}" y="${MARGIN + 12}" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${MARGIN}" y="${MARGIN + 30}" fill="#555">candidate ÷ bare Fastify in the same run; tick = target (throughput ≥, start-up ≤); green met, red missed, grey informational</text>`,
    `<line x1="${one}" y1="${40 + MARGIN - 4}" x2="${one}" y2="${height - MARGIN}" stroke="#999" stroke-dasharray="3 3"/>`,
    `<text x="${one}" y="${height - 4}" text-anchor="middle" fill="#555">1.00×</text>`,
    ...rows,
    '</svg>',
    '',
  ].join('\n')
}

function row(metric: EvaluatedMetric, y: number, x: (value: number) => number): string {
  const color = metric.verdict === 'pass' ? '#2e7d32' : metric.verdict === 'fail' ? '#c62828' : '#9e9e9e'
  const value = metric.value ?? 0
  const parts = [
    `<text x="${LABEL_WIDTH - 8}" y="${y + 14}" text-anchor="end">${escapeXml(metric.label.replace(/^ratio /, ''))}</text>`,
    `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${Math.max(1, x(value) - LABEL_WIDTH).toFixed(1)}" height="${ROW - 8}" fill="${color}"/>`,
    `<text x="${(x(value) + 4).toFixed(1)}" y="${y + 14}">${metric.value === null ? '—' : `${value.toFixed(2)}×`}</text>`,
  ]
  if (metric.target !== undefined) {
    const tick = x(metric.target.limit).toFixed(1)
    parts.push(
      `<line x1="${tick}" y1="${y}" x2="${tick}" y2="${y + ROW - 2}" stroke="#000" stroke-width="2"/>`,
    )
  }
  return parts.join('')
}
