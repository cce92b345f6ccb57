import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { execa } from 'execa'
import type { DoctorReport } from '../doctor/report.js'
import type { ChildProcesses } from './children.js'

/** Options of {@link runDoctorChild}. */
export interface DoctorChildOptions {
  /** The exact environment of the host (the sample's environment). */
  env: Readonly<Record<string, string>>
  /** Extra `uami doctor` arguments: `--facts`, `--resource-group`, … */
  args: readonly string[]
  children: ChildProcesses
}

/** The built `uami` CLI of this package. */
export function uamiBin(): string {
  return join(
    dirname(createRequire(import.meta.url).resolve('@uami/tour/package.json')),
    'dist',
    'bin',
    'uami.js',
  )
}

/**
 * Runs `uami doctor --json` as a child process with exactly the host's environment — as if run inside the host —
 * and returns its report. (The managed identity source and MSAL's cache are per process, so the doctor cannot run
 * inside the tour's own process.)
 */
export async function runDoctorChild(options: DoctorChildOptions): Promise<DoctorReport> {
  const subprocess = execa(process.execPath, [uamiBin(), 'doctor', '--json', ...options.args], {
    env: { ...options.env },
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    cleanup: true,
    timeout: 90_000,
  })
  if (subprocess.pid !== undefined)
    options.children.add({ pid: subprocess.pid, name: 'uami doctor', exited: subprocess })
  const result = await subprocess
  try {
    return JSON.parse(String(result.stdout)) as DoctorReport
  } catch {
    throw new Error(
      `uami doctor printed no report (exit code ${result.exitCode}): ${String(result.stderr).slice(0, 500)}`,
    )
  }
}
