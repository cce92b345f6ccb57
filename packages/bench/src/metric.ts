/**
 * Units the benchmark reports in. `bytes` are shown in MB (1 MB = 1,048,576 bytes); a `ratio` (candidate ÷ its
 * baseline from the same run) as `0.95×`.
 */
export type Unit = 'ms' | 's' | 'bytes' | 'req/s' | 'count' | 'ratio'

/** A limit a metric must respect. */
export interface Target {
  /** How the value compares to the limit. */
  readonly op: '<' | '<=' | '=' | '>='
  readonly limit: number
  /** Where the target comes from, e.g. `issue 4`. */
  readonly source?: string
}

/** One measured figure. */
export interface Metric {
  /** Stable identifier, e.g. `startup.app-service.built.median`: history lines are compared by it. */
  readonly id: string
  /** What a reader sees in the table. */
  readonly label: string
  /** The measured value, in `unit`; `null` when the measurement could not be made (counts as missed). */
  readonly value: number | null
  readonly unit: Unit
  /** The target; without one the metric is informational. */
  readonly target?: Target
  /** Extra figures that explain the value (e.g. `{ p50: 3, p99: 9 }`), kept in the results file. */
  readonly figures?: Readonly<Record<string, number>>
  /** One short sentence shown under the table, e.g. why a value is missing. */
  readonly note?: string
}

/** How a metric fared against its target. */
export type Verdict = 'pass' | 'fail' | 'info'

/** A metric with its verdict. */
export interface EvaluatedMetric extends Metric {
  readonly verdict: Verdict
}

/**
 * Whether a value meets a target. A missing value (`null` or not finite) never does.
 *
 * @param value - The measured value.
 * @param target - The target.
 * @returns `true` when the value meets the target.
 * @example
 * ```ts
 * meets(850, { op: '<', limit: 1000 }) // true
 * meets(0, { op: '=', limit: 0 }) // true
 * ```
 */
export function meets(value: number | null, target: Target): boolean {
  if (value === null || !Number.isFinite(value)) return false
  switch (target.op) {
    case '<':
      return value < target.limit
    case '<=':
      return value <= target.limit
    case '=':
      return value === target.limit
    case '>=':
      return value >= target.limit
  }
}

/**
 * Gives a metric its verdict: `info` without a target, else `pass` or `fail`.
 *
 * @param metric - The metric.
 * @returns The metric with its verdict.
 */
export function evaluate(metric: Metric): EvaluatedMetric {
  if (metric.target === undefined) return { ...metric, verdict: 'info' }
  return { ...metric, verdict: meets(metric.value, metric.target) ? 'pass' : 'fail' }
}

/**
 * Whether every target holds: the benchmark's exit code is 0 only then.
 *
 * @param metrics - The evaluated metrics.
 * @returns `true` when no metric failed.
 */
export function allTargetsMet(metrics: readonly EvaluatedMetric[]): boolean {
  return metrics.every((metric) => metric.verdict !== 'fail')
}

/**
 * A metric that records a measurement that could not be made: it has a target, no value, and the error as its
 * note, so the run fails and says why.
 *
 * @param id - The measurement's identifier, e.g. `startup`.
 * @param error - What went wrong.
 * @returns A failing metric.
 */
export function failedMeasurement(id: string, error: unknown): Metric {
  const message = error instanceof Error ? error.message : String(error)
  return {
    id: `${id}.error`,
    label: `${id}: the measurement failed`,
    value: null,
    unit: 'count',
    target: { op: '=', limit: 0 },
    note: firstLine(message),
  }
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? ''
  return line.length > 300 ? `${line.slice(0, 297)}...` : line
}
