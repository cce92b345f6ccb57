import type { IdentityKind } from '@uami/credential'
import type { ProvisionedSample } from '@uami/provision'
import {
  childEnvironment,
  findLeaks,
  getJson,
  type LocalAzure,
  pollUntil,
  provisionLocalSample,
  type SampleUnderTest,
  type SpawnedSample,
  spawnSample,
} from '@uami/sample-testing'

/** The three samples, written out here (not read from them) so that the suites check them. */
export const SAMPLES: readonly (SampleUnderTest & { readonly variable: string })[] = [
  {
    name: 'app-service',
    title: 'Azure App Service',
    host: 'app-service',
    identifierKind: 'clientId',
    variable: 'AZURE_CLIENT_ID',
  },
  {
    name: 'container-apps',
    title: 'Azure Container Apps',
    host: 'container-apps',
    identifierKind: 'resourceId',
    variable: 'AZURE_MANAGED_IDENTITY_RESOURCE_ID',
  },
  {
    name: 'vm',
    title: 'Azure Virtual Machine',
    host: 'vm',
    identifierKind: 'objectId',
    variable: 'AZURE_MANAGED_IDENTITY_OBJECT_ID',
  },
]

/** The identity endpoint a sample's host uses, as the emulator's faults and counters name it. */
export function identityEndpointOf(sample: SampleUnderTest): 'msi' | 'imds' {
  return sample.host === 'vm' ? 'imds' : 'msi'
}

/** The variable of each identifier kind. */
export const VARIABLES: Readonly<Record<IdentityKind, string>> = {
  clientId: 'AZURE_CLIENT_ID',
  resourceId: 'AZURE_MANAGED_IDENTITY_RESOURCE_ID',
  objectId: 'AZURE_MANAGED_IDENTITY_OBJECT_ID',
}

/** A sample's folder in the repository (its built `dist/` is what runs). */
export function sampleDir(sample: SampleUnderTest): URL {
  return new URL(`../../../../samples/${sample.name}/`, import.meta.url)
}

/**
 * The part of a host's identity endpoint path that is this host's alone (its key), so that a fault can be aimed at
 * one sample while the others run undisturbed.
 */
export function hostKeyOf(env: Readonly<Record<string, string>>): string {
  const endpoint = env.IDENTITY_ENDPOINT ?? env.AZURE_POD_IDENTITY_AUTHORITY_HOST ?? ''
  const key = new URL(endpoint).pathname.split('/').filter(Boolean)[0]
  if (key === undefined) throw new Error(`no host key in ${endpoint}`)
  return `/${key}/`
}

/** One sample process the suite started, with the secrets its output must never contain. */
export interface RunningSample {
  readonly sample: SampleUnderTest
  readonly provisioned: ProvisionedSample
  readonly env: Readonly<Record<string, string>>
  readonly child: SpawnedSample
  /** The `IDENTITY_HEADER` value and the developer's client secret. */
  readonly secrets: readonly string[]
}

/**
 * Starts built samples against a local emulator and stops them all again (by PID, SIGKILL after 10 s): call
 * {@link SampleFleet.stopAll} in `afterAll`/`afterEach`, even after a failure.
 */
export class SampleFleet {
  readonly #local: () => LocalAzure
  readonly #running: RunningSample[] = []
  #counter = 0

  constructor(local: () => LocalAzure) {
    this.#local = local
  }

  /** Every sample started so far (stopped ones included), for the secret scan. */
  get all(): readonly RunningSample[] {
    return this.#running
  }

  /** Provisions a fresh resource set for `sample` (its own host, identity, store and role). */
  provision(sample: SampleUnderTest, tag: string): Promise<ProvisionedSample> {
    this.#counter += 1
    return provisionLocalSample(this.#local().clients, {
      kind: sample.host,
      // Short: a container app name allows 32 characters.
      suffix: `${tag}-${sample.name.slice(0, 3)}${this.#counter}`,
      title: sample.title,
    })
  }

  /** Starts the built `dist/server.js` of `sample` with exactly its host's environment. */
  start(
    sample: SampleUnderTest,
    provisioned: ProvisionedSample,
    extra: Readonly<Record<string, string>> = {},
  ): RunningSample {
    const local = this.#local()
    const env = childEnvironment(local.emulator, provisioned, extra)
    const child = spawnSample({ sampleDir: sampleDir(sample), entry: 'dist/server.js', env, maxLines: 5_000 })
    const secrets = [env.IDENTITY_HEADER, local.emulator.developer.clientSecret].filter(
      (value): value is string => value !== undefined && value !== '',
    )
    const running = { sample, provisioned, env, child, secrets }
    this.#running.push(running)
    return running
  }

  /** Stops every sample still running. */
  async stopAll(): Promise<void> {
    await Promise.all(this.#running.map(({ child }) => child.stop()))
  }

  /** Leaks in the output of every sample started (JWTs, the secrets, Authorization headers). */
  leaks(): string[] {
    return this.#running.flatMap(({ sample, child, secrets }) =>
      findLeaks(child.lines, { secrets }).map((leak) => `${sample.name} pid ${child.pid}: ${leak}`),
    )
  }

  /** Lines of output of every sample started. */
  lineCount(): number {
    return this.#running.reduce((sum, { child }) => sum + child.lines.length, 0)
  }
}

/** Waits until the sample listens and `/readyz` answers 200; returns its URL. */
export async function ready(running: RunningSample, timeoutMs = 60_000): Promise<string> {
  const url = await running.child.listening(timeoutMs)
  await pollUntil(
    () => getJson(`${url}/readyz`),
    (response) => response.status === 200,
    { timeoutMs, describe: () => running.child.tail() },
  )
  return url
}

/** Formats a count with thousands separators, for the suites' summary lines. */
export function count(value: number): string {
  return value.toLocaleString('en-US')
}
