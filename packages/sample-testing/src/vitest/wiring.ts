import type { AzureHostKind, IdentityKind, IdentityVariable } from '@uami/credential'
import type { SampleIdentity, SampleStatus, StatusSource } from '@uami/fastify-app-configuration'
import { serverOptions } from '@uami/fastify-app-configuration'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EXAMPLE_IDENTIFIERS } from '../example-identifiers.js'

/** What the wiring test reads of a sample's environment (its `readEnv` returns more). */
export interface WiredEnv {
  readonly identity: SampleIdentity
  readonly host: string
}

/** Options of {@link describeSampleWiring}. */
export interface SampleWiringOptions<Env extends WiredEnv> {
  /** The sample's `readEnv` (its `src/env.ts`). */
  readonly readEnv: (source: NodeJS.ProcessEnv) => Env
  /** The sample's app plugin (the default export of its `src/app.ts`). */
  readonly app: (fastify: FastifyInstance, options: { env: Env; source?: StatusSource }) => Promise<void>
  /**
   * What the sample must be, written out in the test rather than read from the sample, so that the test checks the
   * sample too: its name, title, host, identifier kind and the variable it reads.
   */
  readonly expected: {
    readonly name: string
    readonly title: string
    readonly host: AzureHostKind
    readonly identifierKind: IdentityKind
    readonly variable: IdentityVariable
  }
}

/**
 * What each host gives the app, with the identity endpoint on a closed loopback port: these tests never request a
 * token, and a request would not leave the machine. For the VM, what its systemd unit sets.
 */
const HOST_ENVIRONMENTS: Readonly<Record<AzureHostKind, Readonly<Record<string, string>>>> = {
  'app-service': {
    WEBSITE_SITE_NAME: 'web-uami',
    WEBSITE_RESOURCE_GROUP: 'rg-uami',
    IDENTITY_ENDPOINT: 'http://127.0.0.1:9/msi/token',
    IDENTITY_HEADER: 'test-header',
  },
  'container-apps': {
    CONTAINER_APP_NAME: 'ca-uami',
    IDENTITY_ENDPOINT: 'http://127.0.0.1:9/msi/token',
    IDENTITY_HEADER: 'test-header',
  },
  vm: {
    AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential',
    AZURE_POD_IDENTITY_AUTHORITY_HOST: 'http://127.0.0.1:9',
  },
}

const KIND_NAMES: Readonly<Record<IdentityKind, string>> = {
  clientId: 'client ID',
  resourceId: 'resource ID',
  objectId: 'object ID',
}

/** A status source that stays "starting": the routes answer without App Configuration. */
const STARTING: StatusSource = {
  current: (): SampleStatus => ({ state: 'starting', attempts: 0 }),
  start: () => undefined,
  stop: async () => undefined,
}

/**
 * The wiring test every sample runs, as vitest tests (no emulator, no socket: `inject`): on its host, the sample's
 * `readEnv` chooses the identity by the sample's identifier kind from its variable (`EXAMPLE_IDENTIFIERS`) and
 * listens on `0.0.0.0`, the app builds `ManagedIdentityCredential`, and the sample's app, registered on a Fastify instance,
 * shows the sample and the identity on `/` (JSON). `specific` adds the sample's own tests to the same `describe`.
 *
 * @param options - The sample's definition, `readEnv`, app and what they must be.
 * @param specific - Registers the tests only this sample has (`it(…)` calls).
 * @example
 * ```ts
 * // samples/vm/test/app.test.ts
 * describeSampleWiring({
 *   readEnv, app,
 *   expected: { name: 'vm', title: 'Azure Virtual Machine', host: 'vm', identifierKind: 'objectId', variable: 'AZURE_MANAGED_IDENTITY_OBJECT_ID' },
 * }, () => {
 *   it('stops with UAMI_CRED_INVALID_GUID for a malformed object ID', () => { … })
 * })
 * ```
 */
export function describeSampleWiring<Env extends WiredEnv>(
  options: SampleWiringOptions<Env>,
  specific?: () => void,
): void {
  const { readEnv, app, expected } = options
  const identifier = EXAMPLE_IDENTIFIERS[expected.identifierKind]
  const hostEnv = HOST_ENVIRONMENTS[expected.host]
  const servers: FastifyInstance[] = []

  describe(`${expected.title} sample wiring`, () => {
    afterEach(async () => {
      vi.unstubAllEnvs()
      await Promise.all(servers.splice(0).map((server) => server.close()))
    })

    it(`chooses its identity by ${KIND_NAMES[expected.identifierKind]} from ${expected.variable} and uses ManagedIdentityCredential on ${expected.title}`, async () => {
      // The credential reads the host's variables from process.env as well.
      for (const [name, value] of Object.entries(hostEnv)) vi.stubEnv(name, value)
      const env = readEnv({
        ...hostEnv,
        [expected.variable]: identifier,
        APP_CONFIG_ENDPOINT: 'https://appcs-uami.azconfig.io',
      })
      expect(env.identity.selector).toEqual({ [expected.identifierKind]: identifier })
      expect(env.host).toBe('0.0.0.0')

      const server = Fastify(serverOptions('silent'))
      servers.push(server)
      await server.register(app, { env, source: STARTING })
      const home = await server.inject({ url: '/', headers: { accept: 'application/json' } })
      expect(home.json()).toMatchObject({
        sample: {
          name: expected.name,
          title: expected.title,
          host: expected.host,
          identifierKind: expected.identifierKind,
        },
        identity: {
          kind: expected.identifierKind,
          variable: expected.variable,
          value: identifier,
          credential: 'ManagedIdentityCredential',
          detectedHost: expected.host,
        },
      })
    })

    specific?.()
  })
}
