import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The package folder (scripts run from here, so `@uami/credential` resolves to the built dist). */
export const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url))

export interface NodeRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs `node <script>` in a child process with ONLY the given environment (plus PATH): no variable leaks in from
 * the test runner, so no SDK can be pointed at a real Azure endpoint by accident. Each host environment gets its
 * own process because MSAL's managed identity source and token cache are static per process.
 */
export function runNode(
  script: string,
  env: Readonly<Record<string, string>>,
  args: readonly string[] = [],
): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', script, ...args], {
      cwd: PACKAGE_DIR,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Parses the single JSON line the token probe prints. */
export function lastJsonLine<T>(stdout: string): T {
  const line = stdout.trim().split('\n').at(-1) ?? ''
  return JSON.parse(line) as T
}
