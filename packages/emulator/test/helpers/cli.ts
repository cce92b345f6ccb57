import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { packageDir } from './child.ts'

/** The package's `bin` launcher; it runs the built CLI in dist/. */
export const cliPath = join(packageDir, 'bin', 'uami-emulator.js')

/** `npm test` (turbo) builds before testing; when running vitest by hand, build first. */
function assertBuilt(): void {
  const built = join(packageDir, 'dist', 'bin', 'uami-emulator.js')
  if (!existsSync(built)) {
    throw new Error(`${built} is missing: run \`npm run build -w @uami/emulator\` before the CLI tests.`)
  }
}

/** Environment for CLI children: the parent's PATH only (no AZURE_* or NODE_* variables leak in). */
function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', ...extra }
}

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Runs the CLI to completion (for `env`, `--help`, usage errors, startup failures). */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  assertBuilt()
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { cwd: options.cwd ?? packageDir, env: childEnv(options.env), timeout: 60_000 },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: number | string; signal?: NodeJS.Signals }) | null
        resolve({
          code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
          signal: failure?.signal ?? null,
          stdout,
          stderr,
        })
      },
    )
  })
}

/** What `start --json` prints when ready. */
export interface ReadyInfo {
  armEndpoint: string
  authorityHost: string
  identityEndpoint: string
  tenantId: string
  subscriptionId: string
  developer: { clientId: string; clientSecret: string; objectId: string }
  caCertPath: string
  stateDir: string
}

/** A `uami-emulator start` child process. */
export interface CliEmulator {
  child: ChildProcess
  /** Everything written so far. */
  stdout(): string
  stderr(): string
  /** Resolves with the exit code and signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Sends `signal` (default SIGTERM) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Spawns `uami-emulator start ...args` and resolves once its first stdout line has arrived. */
export async function spawnCli(
  args: string[],
  options: { cwd?: string } = {},
): Promise<CliEmulator & { firstLine: string }> {
  assertBuilt()
  const child = spawn(process.execPath, [cliPath, 'start', ...args], {
    cwd: options.cwd ?? packageDir,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }))
  })
  const firstLine = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const newline = out.indexOf('\n')
      if (newline >= 0) {
        child.stdout.off('data', check)
        resolve(out.slice(0, newline))
      }
    }
    child.stdout.on('data', check)
    void exited.then(({ code }) =>
      reject(new Error(`uami-emulator exited (${code}) before it was ready: ${err.trim()}`)),
    )
  })
  return {
    child,
    firstLine,
    stdout: () => out,
    stderr: () => err,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}

/** Spawns `uami-emulator start --json ...args` and parses the ready line. */
export async function startCliEmulator(
  args: string[] = [],
  options: { cwd?: string } = {},
): Promise<CliEmulator & { info: ReadyInfo }> {
  const cli = await spawnCli(['--json', ...args], options)
  try {
    return { ...cli, info: JSON.parse(cli.firstLine) as ReadyInfo }
  } catch (error) {
    await cli.stop()
    throw error
  }
}

/** Polls `condition` every 25 ms until it holds (the test's timeout bounds the wait). */
export async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 25))
}
