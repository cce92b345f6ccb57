import { buildHostEnvironment, caCertPathIn } from '../identity/host-env.js'
import { readStateFile } from '../state/store.js'
import type { EnvArguments } from './args.js'
import { formatDotenv } from './dotenv.js'
import type { CliIo } from './start-command.js'

/** Thrown when `env` cannot produce an environment (no state, never started). */
export class EnvUnavailableError extends Error {
  override name = 'EnvUnavailableError' as const
  readonly code = 'UAMI_EMU_ENV_UNAVAILABLE'
}

/**
 * `uami-emulator env <hostResourceId>`: prints the host's environment as dotenv lines, from the state on disk
 * (so it works while the emulator runs in another process). When no emulator answers on the recorded port it
 * still prints, and warns on stderr that the values work once the emulator runs (ports are reused when free).
 *
 * @throws {@link EnvUnavailableError}, `StateFileError`, `InvalidHostIdError`, `HostNotFoundError`
 */
export async function runEnv(args: EnvArguments, io: CliIo): Promise<number> {
  const data = await readStateFile(args.stateDir)
  if (!data) {
    throw new EnvUnavailableError(
      `There is no emulator state in ${args.stateDir}. Start the emulator first (uami-emulator start --state ${args.stateDir}) and create the host through its ARM endpoint.`,
    )
  }
  if (!data.ports) {
    throw new EnvUnavailableError(
      `The emulator state in ${args.stateDir} has never been served. Start it (uami-emulator start --state ${args.stateDir}).`,
    )
  }
  const identityEndpoint = `http://127.0.0.1:${data.ports.identity}`
  const env = buildHostEnvironment(
    { data, identityEndpoint, caCertPath: caCertPathIn(args.stateDir) },
    args.hostResourceId,
  )
  if (!(await isServing(identityEndpoint, data.tenantId))) {
    io.stderr.write(
      `uami-emulator: warning: no emulator is running with the state in ${args.stateDir}; these values work once it runs (uami-emulator start --state ${args.stateDir}).\n`,
    )
  }
  io.stdout.write(formatDotenv(env))
  return 0
}

/** Whether the emulator of this state answers on its identity port (and is not some other process). */
async function isServing(identityEndpoint: string, tenantId: string): Promise<boolean> {
  try {
    const response = await fetch(`${identityEndpoint}/_admin/health`, { signal: AbortSignal.timeout(2_000) })
    if (!response.ok) return false
    const body = (await response.json()) as { tenantId?: unknown }
    return body.tenantId === tenantId
  } catch {
    return false
  }
}
