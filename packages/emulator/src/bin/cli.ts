import { HostNotFoundError, InvalidHostIdError } from '../identity/errors.js'
import { StateInUseError } from '../state/lock.js'
import { StateFileError } from '../state/store.js'
import { parseCli } from './args.js'
import { AzUnavailableError, runAzCommand } from './az-command.js'
import { EnvUnavailableError, runEnv } from './env-command.js'
import { type CliIo, runStart } from './start-command.js'
import { exitCodes, UsageError, usage } from './usage.js'
import { packageVersion } from './version.js'

/** Errors whose message is the whole story: printed without a stack. */
const knownErrors = [
  StateFileError,
  StateInUseError,
  HostNotFoundError,
  InvalidHostIdError,
  EnvUnavailableError,
  AzUnavailableError,
]

/**
 * Runs `uami-emulator` with `argv` (without `node` and the script) and resolves with the exit code: 0 success,
 * 1 failure, 2 usage error. Never prints a stack trace as user-facing output.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let args: ReturnType<typeof parseCli>
  try {
    args = parseCli(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.stderr.write(`uami-emulator: ${error.message}\n\n${usage}\n`)
    return exitCodes.usage
  }
  try {
    switch (args.command) {
      case 'help':
        io.stdout.write(`${usage}\n`)
        return exitCodes.ok
      case 'version':
        io.stdout.write(`${packageVersion()}\n`)
        return exitCodes.ok
      case 'env':
        return await runEnv(args, io)
      case 'start':
        return await runStart(args, io)
      case 'az':
        return await runAzCommand(args, io)
    }
  } catch (error) {
    io.stderr.write(`uami-emulator: ${describe(error, args)}\n`)
    return exitCodes.failure
  }
}

function describe(error: unknown, args: ReturnType<typeof parseCli>): string {
  if (knownErrors.some((type) => error instanceof type)) return (error as Error).message
  const e = error as NodeJS.ErrnoException & { port?: number }
  if (e?.code === 'EADDRINUSE') {
    const flag =
      args.command === 'start' && e.port !== undefined
        ? e.port === args.armPort
          ? ' (--arm-port)'
          : e.port === args.identityPort
            ? ' (--identity-port)'
            : ''
        : ''
    return `port ${e.port ?? ''}${flag} is already in use on 127.0.0.1. Stop the process using it, or choose another port.`
  }
  if (e?.code === 'EACCES' && e.port !== undefined) {
    return `not allowed to listen on port ${e.port}. Choose a port above 1023.`
  }
  if (e?.code === 'ENOENT' || e?.code === 'EACCES' || e?.code === 'EISDIR') {
    return `cannot use ${e.path ?? 'a file'}: ${e.code}. Check the path and its permissions.`
  }
  return `failed: ${e?.message ?? String(error)}`
}
