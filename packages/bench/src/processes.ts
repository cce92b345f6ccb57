import type { ChildProcess } from 'node:child_process'

/** How a child process ended. */
export interface ChildExit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

/** Resolves when the child exits (at once if it already has). */
export function exitOf(child: ChildProcess): Promise<ChildExit> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode })
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
}

/**
 * Stops a child by its PID: SIGTERM, then SIGKILL if it has not exited after `graceMs`. Resolves when it has
 * exited. Safe to call on a child that already exited.
 *
 * @param child - The child process.
 * @param graceMs - How long SIGTERM gets. Default 10 s.
 * @returns How it ended.
 */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<ChildExit> {
  const exited = exitOf(child)
  const pid = child.pid
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return exited
  signal(pid, 'SIGTERM')
  const killer = setTimeout(() => signal(pid, 'SIGKILL'), graceMs)
  const result = await exited
  clearTimeout(killer)
  return result
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch {
    // Already gone.
  }
}

/**
 * Every child process the benchmark started and has not stopped yet, so that Ctrl-C (or a failure) stops each
 * of them by its PID and nothing outlives the run.
 */
export class ChildRegistry {
  readonly #children = new Set<ChildProcess>()
  #closed = false

  /** Records a child; it leaves the registry by itself when it exits. After {@link close}, stops it at once. */
  add(child: ChildProcess): void {
    this.#children.add(child)
    child.once('exit', () => this.#children.delete(child))
    if (this.#closed) void stopChild(child)
  }

  /** Stops every recorded child, and every child added from now on (the run is being interrupted). */
  async close(): Promise<void> {
    this.#closed = true
    await this.stopAll()
  }

  /** Stops every recorded child by PID and waits for each to exit. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#children].map((child) => stopChild(child)))
  }

  /** How many children are still running. */
  get size(): number {
    return this.#children.size
  }
}
