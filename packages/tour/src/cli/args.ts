import { type ParseArgsOptionsConfig, parseArgs } from 'node:util'
import { UsageError } from '../errors/usage-error.js'

/** The samples the tour knows, and `all`. */
export const SAMPLE_CHOICES = ['app-service', 'container-apps', 'vm', 'all'] as const

/** The "what goes wrong" scenarios. */
export const SCENARIOS = ['not-attached', 'no-role', 'wrong-kind', 'propagating'] as const

/** A scenario of {@link SCENARIOS}. */
export type ScenarioId = (typeof SCENARIOS)[number]

/** Options of the tour command. */
export interface TourArgs {
  command: 'tour'
  target: 'local' | 'azure'
  subscription: string | undefined
  location: string | undefined
  sample: (typeof SAMPLE_CHOICES)[number] | undefined
  scenario: ScenarioId | undefined
  yes: boolean
  cleanup: boolean
  fresh: boolean
  dir: string | undefined
  sshPublicKey: string | undefined
}

/** Options of `uami doctor`. */
export interface DoctorArgs {
  command: 'doctor'
  json: boolean
  resourceGroup: string | undefined
  hostName: string | undefined
  storeId: string | undefined
  facts: string | undefined
  sentinelKey: string | undefined
}

/** What the command line asks for. */
export type CliArgs = TourArgs | DoctorArgs | { command: 'help' } | { command: 'version' }

/**
 * Parses the command line (without `node` and the script).
 *
 * @throws {@link UsageError} for unknown options, missing values or contradictions.
 * @example
 * ```ts
 * parseCliArgs(['doctor', '--json']) // { command: 'doctor', json: true, ... }
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const [first, ...rest] = argv
  if (first === 'help' || argv.includes('--help') || argv.includes('-h')) return { command: 'help' }
  if (argv.includes('--version')) return { command: 'version' }
  if (first === 'doctor') return parseDoctor(rest)
  if (first === 'tour') return parseTour(rest)
  if (first !== undefined && !first.startsWith('-')) {
    throw new UsageError(`Unknown command "${first}": expected tour or doctor.`)
  }
  return parseTour(argv)
}

function parse(
  argv: readonly string[],
  options: ParseArgsOptionsConfig,
): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

function parseTour(argv: readonly string[]): TourArgs {
  const values = parse(argv, {
    local: { type: 'boolean' },
    azure: { type: 'boolean' },
    subscription: { type: 'string' },
    location: { type: 'string' },
    sample: { type: 'string' },
    'what-goes-wrong': { type: 'string' },
    yes: { type: 'boolean', short: 'y' },
    cleanup: { type: 'boolean' },
    fresh: { type: 'boolean' },
    dir: { type: 'string' },
    'ssh-public-key': { type: 'string' },
  })
  if (values.local && values.azure) throw new UsageError('--local and --azure cannot be used together.')
  const sample = values.sample as string | undefined
  if (sample !== undefined && !(SAMPLE_CHOICES as readonly string[]).includes(sample)) {
    throw new UsageError(`--sample must be one of ${SAMPLE_CHOICES.join(', ')}, not "${sample}".`)
  }
  const scenario = values['what-goes-wrong'] as string | undefined
  if (scenario !== undefined && !(SCENARIOS as readonly string[]).includes(scenario)) {
    throw new UsageError(`--what-goes-wrong must be one of ${SCENARIOS.join(', ')}, not "${scenario}".`)
  }
  if (scenario !== undefined && sample === 'all') {
    throw new UsageError(
      '--what-goes-wrong shows one sample at a time: pass --sample app-service, container-apps or vm.',
    )
  }
  if (values.cleanup && scenario !== undefined)
    throw new UsageError('--cleanup cannot be combined with --what-goes-wrong.')
  if (values.subscription !== undefined && !values.azure)
    throw new UsageError('--subscription only applies with --azure.')
  return {
    command: 'tour',
    target: values.azure ? 'azure' : 'local',
    subscription: values.subscription as string | undefined,
    location: values.location as string | undefined,
    sample: sample as TourArgs['sample'],
    scenario: scenario as ScenarioId | undefined,
    yes: values.yes === true,
    cleanup: values.cleanup === true,
    fresh: values.fresh === true,
    dir: values.dir as string | undefined,
    sshPublicKey: values['ssh-public-key'] as string | undefined,
  }
}

function parseDoctor(argv: readonly string[]): DoctorArgs {
  const values = parse(argv, {
    json: { type: 'boolean' },
    'resource-group': { type: 'string' },
    'host-name': { type: 'string' },
    'store-id': { type: 'string' },
    facts: { type: 'string' },
    'sentinel-key': { type: 'string' },
  })
  return {
    command: 'doctor',
    json: values.json === true,
    resourceGroup: values['resource-group'] as string | undefined,
    hostName: values['host-name'] as string | undefined,
    storeId: values['store-id'] as string | undefined,
    facts: values.facts as string | undefined,
    sentinelKey: values['sentinel-key'] as string | undefined,
  }
}
