import { execFile } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)

/** The emulator package directory (where the fixtures resolve `@azure/*` from). */
export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Absolute path of a script in test/fixtures. */
export function fixture(name: string): string {
  return join(packageDir, 'test', 'fixtures', name)
}

/**
 * Runs a Node script in a child process with exactly `env` (nothing inherited: no stray AZURE_* variable can
 * send the SDK off the machine) and parses the one JSON line it prints.
 */
export async function runNodeJson<T>(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<T> {
  const { stdout } = await execFileAsync(process.execPath, [script, ...args], {
    env,
    cwd: packageDir,
    timeout: 60_000,
  })
  const line = stdout.trim().split('\n').at(-1) ?? ''
  return JSON.parse(line) as T
}
