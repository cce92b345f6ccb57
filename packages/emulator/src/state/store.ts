import { randomBytes, randomUUID } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { OWNER } from '../rbac/roles.js'
import { isProcessAlive } from './lock.js'
import type { EmulatorStateData, RoleAssignmentRecord } from './model.js'

const STATE_FILE = 'state.json'

/** Thrown when the state file exists but cannot be read as emulator state. Never overwritten silently. */
export class StateFileError extends Error {
  override name = 'StateFileError' as const
  readonly code = 'UAMI_EMU_STATE_UNREADABLE'
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `The emulator state file ${path} cannot be used: ${reason}. Move it away (or pass another --state directory) to start with a fresh state; it is never overwritten silently.`,
      options,
    )
  }
}

/**
 * A fresh state with a new tenant, subscription and developer principal. The developer is Owner of the
 * subscription (as the person following the tutorial is in their own subscription) and holds no data-plane role:
 * like in Azure, reading or writing App Configuration settings needs an App Configuration Data role.
 */
export function createInitialState(): EmulatorStateData {
  const subscriptionId = randomUUID()
  const developerObjectId = randomUUID()
  const ownerAssignmentName = randomUUID()
  const ownerAssignment: RoleAssignmentRecord = {
    id: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleAssignments/${ownerAssignmentName}`,
    name: ownerAssignmentName,
    scope: `/subscriptions/${subscriptionId}`,
    roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`,
    principalId: developerObjectId,
    principalType: 'ServicePrincipal',
    description: 'Seeded by the uami emulator: the developer principal owns the local subscription.',
    // Effective at once, whatever propagation delay is configured.
    createdOn: new Date(0).toISOString(),
  }
  return {
    schemaVersion: 1,
    tenantId: randomUUID(),
    subscriptionId,
    subscriptionName: 'uami local subscription',
    developer: {
      clientId: randomUUID(),
      clientSecret: `uami~${randomBytes(24).toString('base64url')}`,
      objectId: developerObjectId,
      displayName: 'uami local developer',
    },
    resourceGroups: {},
    identities: {},
    stores: {},
    hosts: {},
    roleAssignments: { [ownerAssignment.id.toLowerCase()]: ownerAssignment },
    keyValues: {},
    sequence: 0,
  }
}

/**
 * Holds the emulator state in memory and persists every change atomically: the new document is written to a
 * temporary file, flushed, then renamed over `state.json`, so a crash (even `kill -9`) leaves either the old or
 * the new document, never a torn one, and an update resolves only after its write is durable. Updates are
 * serialised: concurrent callers queue and each sees the result of the previous one.
 */
export class StateStore {
  #data: EmulatorStateData
  #queue: Promise<unknown> = Promise.resolve()
  #tmpCounter = 0

  private constructor(
    readonly dir: string,
    data: EmulatorStateData,
  ) {
    this.#data = data
  }

  /** Opens (or creates) the state in `dir`. Throws {@link StateFileError} for a corrupt or foreign file. */
  static async open(dir: string): Promise<StateStore> {
    await mkdir(dir, { recursive: true })
    await removeStaleTemporaryFiles(dir)
    const existing = await readStateFile(dir)
    if (existing) return new StateStore(dir, existing)
    const store = new StateStore(dir, createInitialState())
    await store.#persist(store.#data)
    return store
  }

  /** Path of the state document. */
  get path(): string {
    return join(this.dir, STATE_FILE)
  }

  /** The current state. Treat it as read-only; change it through {@link update}. */
  get data(): Readonly<EmulatorStateData> {
    return this.#data
  }

  /**
   * Applies `mutate` to a copy of the state and persists it. The in-memory state changes only once the write has
   * succeeded; if `mutate` throws, nothing changes and the error propagates. Returns what `mutate` returns.
   */
  update<T>(mutate: (draft: EmulatorStateData) => T): Promise<T> {
    const run = async (): Promise<T> => {
      const draft = structuredClone(this.#data)
      const result = mutate(draft)
      await this.#persist(draft)
      this.#data = draft
      return result
    }
    const next = this.#queue.then(run, run)
    this.#queue = next.catch(() => undefined)
    return next
  }

  /** Resolves once every queued update has been written. */
  async flush(): Promise<void> {
    await this.#queue
  }

  async #persist(data: EmulatorStateData): Promise<void> {
    const tmp = join(this.dir, `.${STATE_FILE}.${process.pid}.${++this.#tmpCounter}.tmp`)
    const handle = await open(tmp, 'w', 0o600)
    try {
      await handle.writeFile(`${JSON.stringify(data, null, 2)}\n`)
      await handle.sync()
    } finally {
      await handle.close()
    }
    try {
      await rename(tmp, this.path)
    } catch (error) {
      await rm(tmp, { force: true })
      throw error
    }
    // Make the rename itself durable.
    const dirHandle = await open(this.dir, 'r')
    try {
      await dirHandle.sync()
    } finally {
      await dirHandle.close()
    }
  }
}

/** Deletes `.state.json.{pid}.{n}.tmp` files left by a process that died mid-write (they never became state). */
async function removeStaleTemporaryFiles(dir: string): Promise<void> {
  const pattern = /^\.state\.json\.(\d+)\.\d+\.tmp$/
  for (const name of await readdir(dir)) {
    const pid = Number(pattern.exec(name)?.[1])
    if (!pid || pid === process.pid || isProcessAlive(pid)) continue
    await rm(join(dir, name), { force: true })
  }
}

/**
 * Reads the state document of `dir` without creating or changing anything (the CLI's `env` command reads the
 * state of an emulator running in another process). Returns `undefined` when there is no state file yet.
 *
 * @throws {@link StateFileError} when the file exists but is not valid emulator state.
 */
export async function readStateFile(dir: string): Promise<EmulatorStateData | undefined> {
  const path = join(dir, STATE_FILE)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new StateFileError(path, 'it is not valid JSON', { cause: error })
  }
  if (!isState(parsed)) throw new StateFileError(path, 'it is not a uami emulator state (schemaVersion 1)')
  return parsed
}

function isState(value: unknown): value is EmulatorStateData {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Partial<EmulatorStateData>
  return (
    v.schemaVersion === 1 &&
    typeof v.tenantId === 'string' &&
    typeof v.subscriptionId === 'string' &&
    typeof v.developer === 'object' &&
    typeof v.resourceGroups === 'object' &&
    typeof v.identities === 'object' &&
    typeof v.stores === 'object' &&
    typeof v.hosts === 'object' &&
    typeof v.roleAssignments === 'object' &&
    typeof v.keyValues === 'object' &&
    typeof v.sequence === 'number'
  )
}
