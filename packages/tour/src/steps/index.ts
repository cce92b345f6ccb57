import type { Step } from '../engine/step.js'
import type { SampleRun, TourRun } from '../tour/run-context.js'
import { attachStep, hostStep, identityStep, roleStep } from './identity-steps.js'
import { configureStep, doctorStep, verifyStep } from './sample-steps.js'
import { appConfigurationStep, signInStep } from './shared-steps.js'

/** The steps done once per run: sign in, then resource group + App Configuration + settings. */
export const SHARED_STEPS: readonly Step<TourRun>[] = [signInStep, appConfigurationStep]

/**
 * The steps done per sample, in the article's order. Against Azure the doctor step is left out: the sample does
 * not run on your machine there (deploy it, then run `uami doctor` on the host).
 */
export function sampleSteps(target: 'local' | 'azure'): readonly Step<SampleRun>[] {
  const steps = [identityStep, hostStep, attachStep, roleStep, configureStep, verifyStep]
  return target === 'local' ? [...steps, doctorStep] : steps
}
