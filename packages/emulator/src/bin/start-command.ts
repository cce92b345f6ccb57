import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startEmulator } from '../emulator.js'
import type { RequestEvent } from '../faults/faults.js'
import type { StartArguments } from './args.js'
import { formatDotenv } from './dotenv.js'
import { developerEnvironment, readyJson, readySummary } from './summary.js'
import { packageVersion } from './version.js'

/** Where the CLI writes; injectable for tests of the command functions. */
export interface CliIo {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

/** File in the state directory holding the developer's sign-in variables (mode 0600). */
export const DEVELOPER_ENV_FILE = 'developer.env'

/**
 * `uami-emulator start`: starts the emulator, prints the ready line (`--json`) or the summary, then runs until
 * SIGINT/SIGTERM and stops cleanly. Resolves with the exit code.
 */
export async function runStart(args: StartArguments, io: CliIo): Promise<number> {
  // Listen for signals before anything else: a client may send SIGTERM the instant it reads the ready line, and
  // a signal during startup must still end in a clean stop.
  const signalled = waitForSignal()
  let debug: WriteStream | undefined
  if (args.debugFile) {
    debug = createWriteStream(args.debugFile, { flags: 'a', mode: 0o600 })
    await Promise.race([once(debug, 'open'), once(debug, 'error').then(([error]) => Promise.reject(error))])
  }
  const emulator = await startEmulator({
    stateDir: args.stateDir,
    ...(args.armPort !== undefined ? { armPort: args.armPort } : {}),
    ...(args.identityPort !== undefined ? { identityPort: args.identityPort } : {}),
    ...(args.propagationDelayMs !== undefined ? { propagationDelayMs: args.propagationDelayMs } : {}),
    logger: debug ? { level: 'info', stream: debug } : false,
  }).catch(async (error: unknown) => {
    await closeStream(debug)
    throw error
  })

  const developerEnvPath = join(emulator.stateDir, DEVELOPER_ENV_FILE)
  await writeFile(developerEnvPath, formatDotenv(developerEnvironment(emulator)), { mode: 0o600 })

  if (args.json) {
    io.stdout.write(`${readyJson(emulator)}\n`)
  } else {
    io.stdout.write(readySummary(emulator, packageVersion(), developerEnvPath))
    if (!args.silent) emulator.counters.observe((event) => io.stdout.write(accessLine(event)))
  }

  await signalled
  io.stderr.write(args.json ? '' : 'Stopping the emulator...\n')
  await emulator.stop()
  await closeStream(debug)
  return 0
}

/** `12:00:01 msi       200 GET /hkey/msi/token 3ms`: never a query string, header or body. */
function accessLine(event: RequestEvent): string {
  const time = new Date().toISOString().slice(11, 19)
  return `${time} ${event.endpoint.padEnd(9)} ${event.status} ${event.method} ${event.path} ${event.durationMs}ms\n`
}

/** Resolves on the first SIGINT or SIGTERM; a second one while stopping exits at once with status 1. */
function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      const force = () => process.exit(1)
      process.once('SIGINT', force)
      process.once('SIGTERM', force)
      resolve()
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  })
}

async function closeStream(stream: WriteStream | undefined): Promise<void> {
  if (!stream || stream.closed) return
  stream.end()
  await once(stream, 'close').catch(() => undefined)
}
