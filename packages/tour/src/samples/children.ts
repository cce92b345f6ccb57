import { setTimeout as sleep } from 'node:timers/promises'

/** A child process the tour started, stoppable by PID. */
export interface Child {
  readonly pid: number
  readonly name: string
  /** Resolves when it has exited. */
  readonly exited: Promise<unknown>
}

/**
 * Every child process the tour started (the samples, a doctor run), so that Ctrl-C, SIGTERM or the end of the
 * tour stops each one by its PID — never by name.
 */
export class ChildProcesses {
  readonly #children = new Map<number, Child>()

  add(child: Child): void {
    this.#children.set(child.pid, child)
    child.exited.finally(() => this.#children.delete(child.pid)).catch(() => undefined)
  }

  get size(): number {
    return this.#children.size
  }

  /** Stops one child: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(pid: number, graceMs = 3000): Promise<void> {
    const child = this.#children.get(pid)
    if (!child) return
    signal(pid, 'SIGTERM')
    const done = await Promise.race([
      child.exited.then(
        () => true,
        () => true,
      ),
      sleep(graceMs).then(() => false),
    ])
    if (!done) {
      signal(pid, 'SIGKILL')
      await Promise.race([child.exited.catch(() => undefined), sleep(1000)])
    }
    this.#children.delete(pid)
  }

  /** Stops every child (in parallel). */
  async stopAll(graceMs = 3000): Promise<void> {
    await Promise.all([...this.#children.keys()].map((pid) => this.stop(pid, graceMs)))
  }

  /** Last resort on process exit: SIGKILL every child synchronously. */
  killAllNow(): void {
    for (const pid of this.#children.keys()) signal(pid, 'SIGKILL')
    this.#children.clear()
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch {
    // already gone
  }
}
