/**
 * The uami tour — the tutorial's steps done, explained and verified against the local emulator or Azure — and
 * `uami doctor`, which diagnoses the managed identity chain where an app runs.
 *
 * @packageDocumentation
 */
export {
  type CliArgs,
  type DoctorArgs,
  parseCliArgs,
  SCENARIOS,
  type ScenarioId,
  type TourArgs,
} from './cli/args.js'
export { main } from './cli/main.js'
export { isCi, type TourTerminal, terminalMode } from './cli/tour-command.js'
export { USAGE } from './cli/usage.js'
export { explanation } from './content.js'
export type { DoctorFacts, KnownIdentity, KnownRoleAssignment } from './doctor/facts.js'
export { renderDoctorReport } from './doctor/render.js'
export {
  type Diagnosis,
  DOCTOR_CHECK_IDS,
  type DoctorCheck,
  type DoctorCheckId,
  type DoctorReport,
} from './doctor/report.js'
export { runDoctor } from './doctor/run-doctor.js'
export type { DoctorOptions } from './doctor/state.js'
export { type Choice, noPrompts, type Prompts } from './engine/prompts.js'
export { type RunStepsOptions, runSteps } from './engine/run-steps.js'
export type { Step, StepIo, StepOutcome, VerifyResult } from './engine/step.js'
export { type TourErrorCode, tourErrorCatalogue } from './errors/catalogue.js'
export { isTourError, TourError } from './errors/tour-error.js'
export { SCENARIO_DEFS, type ScenarioDef } from './scenarios/scenarios.js'
export { SHARED_STEPS, sampleSteps } from './steps/index.js'
export { DEFAULT_LOCATION, runTour, type TourOptions, type TourResult } from './tour/run-tour.js'
export { SAMPLES, type SampleDef, type SampleId } from './tour/samples.js'
export type { SummaryRow } from './tour/summary.js'
export type { TourTarget } from './tour/target.js'
export { type AzureCredentialChoice, azureCredential, openAzureTarget } from './tour/target-azure.js'
export { openLocalTarget } from './tour/target-local.js'
export { createTourUi, type TourUi } from './ui/tour-ui.js'
