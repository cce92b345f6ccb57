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

/** A sample did not become ready in time. */
export class SampleNotReadyError extends TourError {
  override readonly name = 'SampleNotReadyError' as const
  readonly code = 'UAMI_TOUR_SAMPLE_NOT_READY' as const
  /** The last `/readyz` answer. */
  readonly readyz: unknown

  constructor(sample: string, waitedMs: number, readyz: unknown) {
    super({
      what: `The ${sample} sample did not become ready within ${Math.round(waitedMs / 1000)} s.`,
      why: `Its /readyz answered: ${JSON.stringify(readyz)}`,
      fix: 'Run uami doctor in the host environment to find the broken link, or read the fix in the /readyz answer.',
    })
    this.readyz = readyz
  }
}

/** A step ran, but reading its result back did not show what it should have done. */
export class VerifyFailedError extends TourError {
  override readonly name = 'VerifyFailedError' as const
  readonly code = 'UAMI_TOUR_VERIFY_FAILED' as const

  constructor(step: string, observed: string, fix: string) {
    super({ what: `The "${step}" step did not verify: ${observed}`, fix })
  }
}
