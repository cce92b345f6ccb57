import { cpus, loadavg, platform, release, totalmem } from 'node:os'
import { execa } from 'execa'
import { toolEnvironment } from './child-env.js'

/** The machine and code a run measured: figures are comparable only between like machines. */
export interface MachineInfo {
  readonly node: string
  readonly platform: string
  readonly cpuCount: number
  readonly cpuModel: string
  readonly memoryGb: number
  /**
   * The 1-minute load average when the run started and when it ended: on a shared machine, a load above the CPU
   * count means other work competed with the measurements.
   */
  readonly loadAverage: { readonly start: number; readonly end?: number }
  /** The commit the working tree is on, and whether it had uncommitted changes. */
  readonly commit: string
  readonly dirty: boolean
}

/**
 * Describes this machine and the repository's commit.
 *
 * @param repoRoot - The repository's root folder.
 * @returns Node version, platform, CPU count and model, memory, commit.
 */
export async function machineInfo(repoRoot: string): Promise<MachineInfo> {
  const cores = cpus()
  const git = (args: string[]) =>
    execa('git', args, { cwd: repoRoot, env: toolEnvironment(process.env), extendEnv: false, reject: false })
  const [head, status] = await Promise.all([
    git(['rev-parse', '--short', 'HEAD']),
    git(['status', '--porcelain']),
  ])
  return {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpuCount: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    loadAverage: { start: currentLoad() },
    commit: head.exitCode === 0 ? String(head.stdout).trim() : 'unknown',
    dirty: status.exitCode === 0 && String(status.stdout).trim() !== '',
  }
}

/** The 1-minute load average, rounded to one decimal. */
export function currentLoad(): number {
  return Math.round((loadavg()[0] ?? 0) * 10) / 10
}
