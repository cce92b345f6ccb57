import { TourError } from './tour-error.js'

/** A sample's built server is missing. */
export class SampleNotBuiltError extends TourError {
  override readonly name = 'SampleNotBuiltError' as const
  readonly code = 'UAMI_TOUR_SAMPLE_NOT_BUILT' as const

  constructor(sample: string, path: string) {
    super({
      what: `The ${sample} sample is not built: ${path} does not exist.`,
      fix: 'Build the workspace with npm run build (npm start builds before it runs the tour).',
    })
  }
}

/** A sample process stopped on its own (usually: its environment is invalid and it said why). */
export class SampleExitedError extends TourError {
  override readonly name = 'SampleExitedError' as const
  readonly code = 'UAMI_TOUR_SAMPLE_EXITED' as const
  /** What the sample printed last (its own coded error). */
  readonly output: string
  /** The sample process's exit code. */
  readonly sampleExitCode: number | undefined

  constructor(sample: string, code: number | undefined, output: string) {
    super({
      what: `The ${sample} sample stopped on its own${code === undefined ? '' : ` with exit code ${code}`}.`,
      why: output === '' ? 'It printed nothing.' : `It said: ${output}`,
      fix: 'Fix what the sample names (the variable and its expected value), then run the step again.',
    })
    this.output = output
    this.sampleExitCode = code
  }
}
