import { resolve } from 'node:path'
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util'
import { UsageError } from './usage.js'

/** Default state directory, relative to the current directory. */
export const DEFAULT_STATE_DIR = '.uami/emulator'

/** What `uami-emulator start` was asked to do. */
export interface StartArguments {
  command: 'start'
  stateDir: string
  json: boolean
  armPort?: number
  identityPort?: number
  propagationDelayMs?: number
  debugFile?: string
  silent: boolean
}

/** What `uami-emulator env` was asked to do. */
export interface EnvArguments {
  command: 'env'
  stateDir: string
  hostResourceId: string
}

/** What `uami-emulator az` was asked to do. */
export interface AzArguments {
  command: 'az'
  stateDir: string
  /** Everything after `--`, passed to the Azure CLI as is. */
  azArgs: string[]
}

/** A parsed command line. */
export type CliArguments =
  | StartArguments
  | EnvArguments
  | AzArguments
  | { command: 'help' }
  | { command: 'version' }

const stateOptions = {
  state: { type: 'string' },
  location: { type: 'string' },
} as const

const generalOptions = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const

/**
 * Parses `argv` (without `node` and the script).
 *
 * @throws {@link UsageError} for an unknown command or flag, a missing or extra argument, or a bad value.
 */
export function parseCli(argv: readonly string[], cwd = process.cwd()): CliArguments {
  const [command, ...rest] = argv
  if (command === undefined) throw new UsageError('Missing command: use `start` or `env <hostResourceId>`.')
  if (command === '-h' || command === '--help' || command === 'help') return { command: 'help' }
  if (command === '-v' || command === '--version') return { command: 'version' }
  if (command === 'start') return parseStart(rest, cwd)
  if (command === 'env') return parseEnv(rest, cwd)
  if (command === 'az') return parseAz(rest, cwd)
  throw new UsageError(`Unknown command '${command}': use \`start\` or \`env <hostResourceId>\`.`)
}

function parseAz(args: readonly string[], cwd: string): CliArguments {
  const dash = args.indexOf('--')
  const own = dash < 0 ? args : args.slice(0, dash)
  const { values, positionals } = parse(own, { ...stateOptions, ...generalOptions })
  if (values.help) return { command: 'help' }
  if (positionals.length > 0) {
    throw new UsageError(
      `Put the Azure CLI's arguments after --, e.g. uami-emulator az -- group list (got '${positionals.join(' ')}').`,
    )
  }
  return { command: 'az', stateDir: stateDirOf(values, cwd), azArgs: dash < 0 ? [] : args.slice(dash + 1) }
}

function parse<T extends ParseArgsOptionsConfig>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true })
  } catch (error) {
    // node:util's messages name the flag ("Unknown option '--x'", "Option '--state <value>' argument missing").
    throw new UsageError((error as Error).message.split('. To specify')[0] ?? 'Invalid arguments.')
  }
}

function stateDirOf(values: { state?: string | boolean; location?: string | boolean }, cwd: string): string {
  const { state, location } = values
  if (
    typeof state === 'string' &&
    typeof location === 'string' &&
    resolve(cwd, state) !== resolve(cwd, location)
  ) {
    throw new UsageError('--state and --location name the same setting; give only one of them.')
  }
  const dir =
    (typeof state === 'string' ? state : undefined) ?? (typeof location === 'string' ? location : undefined)
  if (dir === '') throw new UsageError('--state needs a directory.')
  return resolve(cwd, dir ?? DEFAULT_STATE_DIR)
}

function parseStart(args: readonly string[], cwd: string): CliArguments {
  const { values, positionals } = parse(args, {
    ...stateOptions,
    ...generalOptions,
    json: { type: 'boolean' },
    'arm-port': { type: 'string' },
    'identity-port': { type: 'string' },
    'propagation-delay': { type: 'string' },
    debug: { type: 'string' },
    silent: { type: 'boolean' },
  })
  if (values.help) return { command: 'help' }
  if (values.version) return { command: 'version' }
  if (positionals.length > 0)
    throw new UsageError(`start takes no arguments, got '${positionals.join(' ')}'.`)
  const result: StartArguments = {
    command: 'start',
    stateDir: stateDirOf(values, cwd),
    json: values.json === true,
    silent: values.silent === true,
  }
  const armPort = port(values['arm-port'], '--arm-port')
  const identityPort = port(values['identity-port'], '--identity-port')
  if (armPort !== undefined) result.armPort = armPort
  if (identityPort !== undefined) result.identityPort = identityPort
  if (armPort !== undefined && armPort !== 0 && armPort === identityPort) {
    throw new UsageError('--arm-port and --identity-port must differ.')
  }
  const delay = values['propagation-delay']
  if (typeof delay === 'string') {
    const ms = Number(delay)
    if (!/^\d+$/.test(delay) || !Number.isSafeInteger(ms)) {
      throw new UsageError(`--propagation-delay must be a whole number of milliseconds, got '${delay}'.`)
    }
    result.propagationDelayMs = ms
  }
  if (typeof values.debug === 'string') {
    if (values.debug === '') throw new UsageError('--debug needs a file name.')
    result.debugFile = resolve(cwd, values.debug)
  }
  return result
}

function parseEnv(args: readonly string[], cwd: string): CliArguments {
  const { values, positionals } = parse(args, { ...stateOptions, ...generalOptions })
  if (values.help) return { command: 'help' }
  if (values.version) return { command: 'version' }
  if (positionals.length === 0) {
    throw new UsageError(
      'env needs the host resource ID, e.g. /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Web/sites/{name}.',
    )
  }
  if (positionals.length > 1)
    throw new UsageError(`env takes one host resource ID, got ${positionals.length} arguments.`)
  return { command: 'env', stateDir: stateDirOf(values, cwd), hostResourceId: positionals[0] as string }
}

function port(value: string | boolean | undefined, flag: string): number | undefined {
  if (typeof value !== 'string') return undefined
  const n = Number(value)
  if (!/^\d+$/.test(value) || n > 65_535)
    throw new UsageError(`${flag} must be a port number (0-65535), got '${value}'.`)
  return n
}
