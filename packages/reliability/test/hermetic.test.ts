import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// The repository's bounded runner (scripts/, shared with the packaging and copy-out tests).
import { runBounded } from '../../../scripts/offline-install.mjs'

/**
 * Suite 0: the checks that keep `npm test` hermetic are themselves tested — the root `npm test` runs under
 * scripts/no-leftover-processes.mjs, which fails (and kills by PID) when a process outlives the run; `runBounded`,
 * which every npm/tsc/bundle child of the tests goes through, kills the whole process group on a timeout and
 * rejects only after the group is gone (so a temporary folder is removed from under no process).
 */

const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const CENSUS = join(REPO, 'scripts/no-leftover-processes.mjs')
const LEAKY = fileURLToPath(new URL('./fixtures/leaky.mjs', import.meta.url))

/** Whether a process is running: present in /proc and not a zombie. */
async function running(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined)
  return stat !== undefined && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
}

const pidsIn = async (file: string): Promise<number[]> =>
  (await readFile(file, 'utf8')).trim().split('\n').map(Number)

describe('hermetic test runs (suite 0)', () => {
  let work: string
  const started: number[] = []
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'uami-hermetic-'))
  })
  afterAll(async () => {
    // Whatever a failed assertion left behind, by PID.
    for (const pid of started) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // gone
      }
    }
    await rm(work, { recursive: true, force: true })
  })

  it('no-leftover-processes passes a run that stops what it starts, and prints its counts', async () => {
    const { stdout } = await runBounded(
      process.execPath,
      [CENSUS, 'sh', '-c', 'sleep 0.3 & sleep 0.3 & wait'],
      { cwd: work, timeoutMs: 30_000 },
    )
    expect(stdout).toMatch(
      /^processes: 0 before, [3-9] started by the run \(at most \d+ at once\), 0 left running$/m,
    )
  })

  it('no-leftover-processes fails a run that leaves processes behind — detached, with or without its marker — and kills them by PID', async () => {
    const pidFile = join(work, 'leaked.pids')
    const failure = await runBounded(process.execPath, [CENSUS, process.execPath, LEAKY, pidFile], {
      cwd: work,
      timeoutMs: 30_000,
    }).then(
      () => undefined,
      (error: Error) => error.message,
    )
    const pids = await pidsIn(pidFile)
    started.push(...pids)
    expect(failure).toMatch(/exited with 1/)
    expect(failure).toMatch(/2 LEFT RUNNING after it exited/)
    for (const pid of pids) {
      expect(failure).toContain(`pid ${pid}: sleep 60`)
      expect(await running(pid), `pid ${pid}`).toBe(false)
    }
    console.log(`hermetic: a run that leaked ${pids.length} processes failed and they were killed`)
  })

  it('runBounded kills the whole process group on a timeout and rejects only once it is gone', async () => {
    const pidFile = join(work, 'group.pids')
    const script = `echo $$ > ${pidFile}; sleep 60 & echo $! >> ${pidFile}; sleep 60 & echo $! >> ${pidFile}; wait`
    const failure = await runBounded('sh', ['-c', script], { cwd: work, timeoutMs: 1_000 }).then(
      () => undefined,
      (error: Error) => error.message,
    )
    const pids = await pidsIn(pidFile)
    started.push(...pids)
    expect(failure).toMatch(/did not finish in 1000 ms; its process group was killed/)
    expect(pids).toHaveLength(3)
    // No polling: when the promise has settled, the shell and both of its children are already gone.
    for (const pid of pids) expect(await running(pid), `pid ${pid}`).toBe(false)
    console.log(
      `hermetic: a timed-out command's group of ${pids.length} processes was killed before the rejection`,
    )
  })
})
