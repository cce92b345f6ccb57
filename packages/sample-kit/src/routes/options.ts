import type { SampleEnv } from '../env/read-sample-env.js'
import type { SampleDefinition } from '../sample.js'

/** Options of `sampleRoutes`. */
export interface SampleRoutesOptions {
  /** The sample's definition (shown on `/`). */
  readonly sample: SampleDefinition
  /** Its validated environment. */
  readonly env: SampleEnv
}
