import type {
  AppConfigurationStoreFacts,
  HostFacts,
  ResourceGroupFacts,
  RoleAssignmentFacts,
  SampleIdentifier,
  SignedInPrincipal,
  UserAssignedIdentityFacts,
} from '@uami/provision'
import type { ChildProcesses } from '../samples/children.js'
import type { RunningSample } from '../samples/sample-process.js'
import type { ProgressFile } from '../state/progress.js'
import type { TourNames } from './names.js'
import type { SampleDef } from './samples.js'
import type { TourTarget } from './target.js'

/** One tour run: the target, the names, the progress file, and what the shared steps learned. */
export interface TourRun {
  target: TourTarget
  names: TourNames
  location: string
  progress: ProgressFile
  children: ChildProcesses
  signal: AbortSignal
  /** The tour's state directory (`.uami`). */
  dir: string
  /** Filled by the sign-in step. */
  developer?: SignedInPrincipal
  /** Filled by the App Configuration step. */
  resourceGroup?: ResourceGroupFacts
  store?: AppConfigurationStoreFacts
  /** The sample process running for each sample (one at a time per sample, however often it is restarted). */
  running: Map<string, RunningSample>
  /** Records a resource this run created (for `--cleanup`). */
  recordCreated(type: string, id: string): Promise<void>
}

/** One sample within a run: what its steps learned so far. */
export interface SampleRun {
  tour: TourRun
  def: SampleDef
  identity?: UserAssignedIdentityFacts
  host?: HostFacts
  role?: RoleAssignmentFacts | undefined
  /** What the sample is configured with (a scenario may give it the wrong kind on purpose). */
  identifier?: SampleIdentifier
  /** The running sample (local only). */
  process?: RunningSample
  /** What verify proved: the claims and the setting. */
  proof?: { claims: Record<string, unknown>; setting: string | undefined }
}

/** The run's shared facts, or a clear error when a step runs before the one that provides them. */
export function requireStore(run: TourRun): AppConfigurationStoreFacts {
  if (!run.store) throw new Error('Internal error: the App Configuration step has not run yet.')
  return run.store
}

/** The sample's identity, or a clear error when the identity step has not run. */
export function requireIdentity(sample: SampleRun): UserAssignedIdentityFacts {
  if (!sample.identity) throw new Error('Internal error: the identity step has not run yet.')
  return sample.identity
}

/** The sample's host, or a clear error when the host step has not run. */
export function requireHost(sample: SampleRun): HostFacts {
  if (!sample.host) throw new Error('Internal error: the host step has not run yet.')
  return sample.host
}
