import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The package folder: scripts run from here, so `@uami/provision` resolves to the built dist. */
export const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url))

/** Exit code and output of a child Node process. */
export interface NodeRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs `node <script>` with ONLY the given environment (plus PATH), so nothing from the test runner's environment
 * can point an SDK at a real Azure endpoint.
 */
export function runNode(script: string, env: Readonly<Record<string, string>>): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', script], {
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
