import type { LocalAzure } from '@uami/sample-testing'
import type { MeasurementId } from './cli-args.js'
import type { Metric } from './metric.js'
import type { ChildRegistry } from './processes.js'

/** What every measurement gets from the runner. */
export interface BenchContext {
  /** Fewer runs and shorter loads. */
  readonly quick: boolean
  /** Every child process is registered here, so that it is stopped by PID whatever happens. */
  readonly registry: ChildRegistry
  /**
   * The emulator the sample measurements share (started on first use on a temporary state directory, stopped by
   * the runner at the end).
   */
  localAzure(): Promise<LocalAzure>
  /** Progress for the terminal (standard error, so standard output stays the results table). */
  progress(line: string): void
}

/** One measurement: what it is called, and how it runs. */
export interface Measurement {
  readonly id: MeasurementId
  /** e.g. `Sample start-up`. */
  readonly title: string
  /**
   * Measures and returns the metrics, with their targets. Throws only when the measurement could not be made at
   * all; the runner then records a failing metric with the reason.
   */
  run(context: BenchContext): Promise<Metric[]>
}
