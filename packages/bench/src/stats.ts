/**
 * Summary statistics of a set of measurements. Pure functions: the benchmark's figures and the unit tests use
 * the same code.
 */

/**
 * The median of a non-empty list (the mean of the two middle values for an even count).
 *
 * @param values - The measurements, in any order.
 * @returns The median.
 * @throws `RangeError` when `values` is empty.
 * @example
 * ```ts
 * median([3, 1, 2]) // 2
 * median([4, 1, 3, 2]) // 2.5
 * ```
 */
export function median(values: readonly number[]): number {
  const sorted = sortedCopy(values, 'median')
  const middle = Math.floor(sorted.length / 2)
  const upper = sorted[middle] as number
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2
}

/**
 * The largest value of a non-empty list.
 *
 * @param values - The measurements.
 * @returns The maximum.
 * @throws `RangeError` when `values` is empty.
 */
export function max(values: readonly number[]): number {
  return sortedCopy(values, 'max').at(-1) as number
}

/**
 * The smallest value of a non-empty list.
 *
 * @param values - The measurements.
 * @returns The minimum.
 * @throws `RangeError` when `values` is empty.
 */
export function min(values: readonly number[]): number {
  return sortedCopy(values, 'min')[0] as number
}

/**
 * Rounds to a number of decimals (for the results file, so it does not carry float noise).
 *
 * @param value - The number.
 * @param decimals - Decimals to keep. Default 1.
 * @returns The rounded number.
 * @example
 * ```ts
 * round(12.345, 1) // 12.3
 * ```
 */
export function round(value: number, decimals = 1): number {
  const factor = 10 ** decimals
  return Math.round(value * factor) / factor
}

function sortedCopy(values: readonly number[], what: string): number[] {
  if (values.length === 0) throw new RangeError(`Cannot compute the ${what} of no values.`)
  return [...values].sort((a, b) => a - b)
}
