import { fileURLToPath } from 'node:url'
import { execa } from 'execa'

/** The built CLI (tests run after `npm run build`, as turbo's `test` task depends on `build`). */
export const UAMI_BIN = fileURLToPath(new URL('../../dist/bin/uami.js', import.meta.url))

/** What a CLI run printed and returned. */
export interface CliResult {
  exitCode: number | undefined
  stdout: string
  stderr: string
}

/**
 * Runs `uami` as a child process with stdin closed and exactly `env` (plus `PATH`): what a newcomer's
 * `npm start </dev/null` or a CI job does. Nothing from the test's own environment leaks in.
 */
export async function runCli(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<CliResult> {
  const result = await execa(process.execPath, [UAMI_BIN, ...args], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      NO_COLOR: '1',
      AZURE_CORE_COLLECT_TELEMETRY: 'false',
      ...options.env,
    },
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    timeout: options.timeoutMs ?? 120_000,
  })
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) }
}

/** Whether a process with this PID still exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
