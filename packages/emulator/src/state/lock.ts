import { open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'

const LOCK_FILE = 'emulator.lock'

/** Thrown when another live emulator process already serves this state directory. */
export class StateInUseError extends Error {
  override name = 'StateInUseError' as const
  readonly code = 'UAMI_EMU_STATE_IN_USE'
  constructor(
    readonly stateDir: string,
    readonly pid: number,
  ) {
    super(
      `Another emulator (pid ${pid}) is already running with the state in ${stateDir}. Stop it first, or pass another --state directory; two emulators on one state would lose each other's writes.`,
    )
  }
}

/** A held lock on a state directory. */
export interface StateLock {
  release(): Promise<void>
}

/**
 * Takes the state directory's lock file (`emulator.lock`, holding the owner's pid). A lock left behind by a dead
 * process (e.g. after `kill -9`) is taken over. Throws {@link StateInUseError} when a live process holds it.
 */
export async function lockStateDir(stateDir: string): Promise<StateLock> {
  const path = join(stateDir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600)
      try {
        await handle.writeFile(`${process.pid}\n`)
      } finally {
        await handle.close()
      }
      return { release: () => releaseLock(path) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = Number.parseInt((await readFile(path, 'utf8').catch(() => '')).trim(), 10)
    if (Number.isInteger(owner) && owner > 0 && isProcessAlive(owner))
      throw new StateInUseError(stateDir, owner)
    // Stale: its owner is gone. Remove it and try once more (another starter may win the race).
    await rm(path, { force: true })
  }
  const owner = Number.parseInt((await readFile(path, 'utf8').catch(() => '')).trim(), 10)
  throw new StateInUseError(stateDir, owner)
}

async function releaseLock(path: string): Promise<void> {
  const owner = Number.parseInt((await readFile(path, 'utf8').catch(() => '')).trim(), 10)
  if (owner === process.pid) await rm(path, { force: true })
}

/** Whether a process with this pid exists (signal 0 probes without signalling). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
