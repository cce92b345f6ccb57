import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { ProgressFileError } from '../errors/progress-file-error.js'
import { writeFileAtomic } from './atomic-write.js'

/** A resource the tour created (not one it found and reused): what `--cleanup` removes. */
export interface CreatedResource {
  /** ARM resource ID (for role assignments: the assignment's ID). */
  id: string
  /** e.g. `resource-group`, `app-configuration`, `identity`, `host`, `role-assignment`. */
  type: string
  createdAt: string
}

/** Progress of one run target: the local emulator, or one Azure subscription. */
export interface RunProgress {
  /** Random suffix of the globally unique names (store, site), kept so a re-run reuses them. */
  suffix: string
  location: string
  /** Done steps per scope: `shared` (sign-in, App Configuration) or a sample ID. */
  done: Record<string, string[]>
  created: CreatedResource[]
  updatedAt: string
}

/** The content of `.uami/tour.json`. */
export interface ProgressData {
  version: 1
  /** Keyed by target: `local`, or `azure:<subscription-id>`. */
  runs: Record<string, RunProgress>
}

/**
 * The tour's progress file (`.uami/tour.json`): which steps are done and which resources the tour created, per
 * target. Every change is written atomically and in order, so Ctrl-C never leaves a torn file.
 */
export class ProgressFile {
  readonly path: string
  #data: ProgressData
  #writing: Promise<void> = Promise.resolve()

  private constructor(path: string, data: ProgressData) {
    this.path = path
    this.#data = data
  }

  /**
   * Opens the progress file (an empty one when it does not exist, or when `fresh`).
   *
   * @throws {@link ProgressFileError} when it exists and is not a progress file.
   */
  static async open(path: string, options: { fresh?: boolean } = {}): Promise<ProgressFile> {
    if (options.fresh) return new ProgressFile(path, { version: 1, runs: {} })
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return new ProgressFile(path, { version: 1, runs: {} })
      throw new ProgressFileError(path, (error as Error).message, error)
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      throw new ProgressFileError(path, 'it is not valid JSON.', error)
    }
    if (!isProgressData(parsed))
      throw new ProgressFileError(path, 'it has an unexpected shape (version 1 expected).')
    return new ProgressFile(path, parsed)
  }

  /** The progress of one target, created (with a new random suffix) when missing. */
  run(target: string, defaults: { location: string; suffix?: string }): RunProgress {
    let run = this.#data.runs[target]
    if (!run) {
      run = {
        suffix: defaults.suffix ?? randomSuffix(),
        location: defaults.location,
        done: {},
        created: [],
        updatedAt: new Date().toISOString(),
      }
      this.#data.runs[target] = run
    }
    return run
  }

  /** A read-only copy of everything. */
  get data(): Readonly<ProgressData> {
    return structuredClone(this.#data)
  }

  /** Marks a step done for a scope and saves. */
  async markDone(target: string, scope: string, step: string): Promise<void> {
    const run = this.#data.runs[target]
    if (!run) return
    const done = run.done[scope] ?? []
    run.done[scope] = done
    if (!done.includes(step)) done.push(step)
    await this.save(target)
  }

  /** Records a created resource (once) and saves. */
  async recordCreated(target: string, resource: Omit<CreatedResource, 'createdAt'>): Promise<void> {
    const run = this.#data.runs[target]
    if (!run) return
    if (!run.created.some((each) => each.id.toLowerCase() === resource.id.toLowerCase())) {
      run.created.push({ ...resource, createdAt: new Date().toISOString() })
    }
    await this.save(target)
  }

  /** Forgets a target's done steps (a fresh walk-through) but keeps what it created. */
  async resetSteps(target: string): Promise<void> {
    const run = this.#data.runs[target]
    if (!run) return
    run.done = {}
    await this.save(target)
  }

  /** Removes a target entirely (after `--cleanup`). */
  async forget(target: string): Promise<void> {
    delete this.#data.runs[target]
    await this.save()
  }

  /** Saves now; writes are serialised. */
  save(target?: string): Promise<void> {
    if (target) {
      const run = this.#data.runs[target]
      if (run) run.updatedAt = new Date().toISOString()
    }
    const snapshot = `${JSON.stringify(this.#data, null, 2)}\n`
    this.#writing = this.#writing.catch(() => undefined).then(() => writeFileAtomic(this.path, snapshot))
    return this.#writing
  }

  /** Waits for pending writes. */
  async flush(): Promise<void> {
    await this.#writing.catch(() => undefined)
  }
}

function randomSuffix(): string {
  return randomBytes(3).toString('hex')
}

function isProgressData(value: unknown): value is ProgressData {
  if (typeof value !== 'object' || value === null) return false
  const data = value as Partial<ProgressData>
  if (data.version !== 1 || typeof data.runs !== 'object' || data.runs === null) return false
  return Object.values(data.runs).every(
    (run) =>
      typeof run === 'object' &&
      run !== null &&
      typeof run.suffix === 'string' &&
      typeof run.location === 'string' &&
      typeof run.done === 'object' &&
      Array.isArray(run.created),
  )
}
