import { ManagedIdentityCredential } from '@azure/identity'
import type { EnvLike, IdentityKind } from '@uami/credential'
import { chooseCredential } from '@uami/credential'
import type { FastifyInstance } from 'fastify'
import Fastify from 'fastify'
import { vi } from 'vitest'
import { credentialEnvironment } from '../src/env/credential-env.ts'
import type { AppDescription, SampleStatus, StatusSource } from '../src/index.ts'
import {
  appConfiguration,
  configRouteSchema,
  readAppEnv,
  readIdentityEnv,
  serverOptions,
} from '../src/index.ts'

/** A client ID, object ID and resource ID that look like Azure's. */
export const IDS = {
  clientId: '7d1f3f2e-8c4b-4f7a-9a51-2b8e6c0d4f11',
  objectId: '3c9a6b1e-5d2f-4e8a-b7c4-9f0e1d2a3b4c',
  resourceId:
    '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/rg-uami/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-uami',
  storeId:
    '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/rg-uami/providers/Microsoft.AppConfiguration/configurationStores/appcs-uami',
} as const

/** The IDENTITY_HEADER value used in tests; must never appear in any output. */
export const IDENTITY_HEADER_VALUE = 'test-identity-header-9f3c2a'

/**
 * What App Service gives the app. The identity endpoint is a closed loopback port: nothing in these tests asks for
 * a token, and if something did it would never leave the machine.
 */
export const APP_SERVICE_HOST_ENV = {
  WEBSITE_SITE_NAME: 'web-uami',
  WEBSITE_RESOURCE_GROUP: 'rg-uami',
  IDENTITY_ENDPOINT: 'http://127.0.0.1:9/msi/token',
  IDENTITY_HEADER: IDENTITY_HEADER_VALUE,
} as const

/** The app description the package's tests use. */
export const TEST_APP: AppDescription = {
  name: 'app-service',
  title: 'Azure App Service',
  host: 'app-service',
  why: 'Test sample <b>with markup</b>.',
}

/**
 * What an app reads at start-up, composed as the samples' env.ts does (`readIdentityEnv` then `readAppEnv`), plus
 * what the plugin derives from the environment: the copy of the credential variables and the credential decision.
 */
export function readSampleEnv(source: EnvLike, kind: IdentityKind) {
  const identity = readIdentityEnv(source, kind)
  const app = readAppEnv(source)
  const credentialEnv = credentialEnvironment(source)
  return {
    identity,
    ...app,
    credentialEnv,
    credential: chooseCredential({ selector: identity.selector, env: credentialEnv }),
  }
}

/** What {@link readSampleEnv} returns. */
export type SampleEnv = ReturnType<typeof readSampleEnv>

/** Puts the App Service host variables in `process.env` too (restored by vitest's `unstubEnvs`). */
export function stubAppServiceHost(): void {
  for (const [name, value] of Object.entries(APP_SERVICE_HOST_ENV)) vi.stubEnv(name, value)
}

/** A validated App Service environment. */
export function appServiceEnv(extra: Record<string, string> = {}): SampleEnv {
  return readSampleEnv(
    {
      ...APP_SERVICE_HOST_ENV,
      AZURE_CLIENT_ID: IDS.clientId,
      APP_CONFIG_ENDPOINT: 'https://appcs-uami.azconfig.io',
      ...extra,
    },
    'clientId',
  )
}

/** A status source that returns whatever the test sets. */
export class FakeSource implements StatusSource {
  status: SampleStatus
  started = 0
  stopped = 0
  constructor(status: SampleStatus) {
    this.status = status
  }
  current(): SampleStatus {
    return this.status
  }
  start(): void {
    this.started += 1
  }
  async stop(): Promise<void> {
    this.stopped += 1
  }
}

/** Claims of an App Service identity's token, as `describeAccessToken` returns them. */
export const CLAIMS = {
  oid: IDS.objectId,
  appid: IDS.clientId,
  tid: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
  aud: 'https://appconfig.azure.com',
  xms_mirid: IDS.resourceId,
  xms_az_rid:
    '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/rg-uami/providers/Microsoft.Web/sites/web-uami',
  iat: 1_700_000_000,
  exp: 1_700_086_700,
} as const

/** A ready status with two settings. */
export function readyStatus(values: Record<string, unknown> = { 'Settings:Message': 'Hello' }): SampleStatus {
  return {
    state: 'ready',
    attempts: 1,
    identity: {
      claims: CLAIMS,
      match: {
        matches: true,
        kind: 'clientId',
        claim: 'appid',
        expected: IDS.clientId,
        received: IDS.clientId,
      },
      checkedAt: '2026-01-01T00:00:00.000Z',
    },
    settings: {
      values,
      loadedAt: '2026-01-01T00:00:00.000Z',
      lastRefreshedAt: '2026-01-01T00:00:05.000Z',
      freshness: 'fresh',
    },
  }
}

/** Builds an app as the samples do (the plugin and the `/config/:key` route), with the samples' server options, around a fake source, ready for `inject`. Close it in `afterEach`. */
export async function buildApp(
  source: StatusSource,
  env: SampleEnv = appServiceEnv(),
): Promise<FastifyInstance> {
  stubAppServiceHost()
  const app = Fastify(serverOptions('silent'))
  const credential = new ManagedIdentityCredential({ clientId: env.identity.value })
  await app.register(appConfiguration, {
    app: TEST_APP,
    identity: env.identity,
    credential,
    load: () => Promise.reject(new Error('route tests never load')),
    endpoint: env.appConfigEndpoint,
    sentinelKey: env.sentinelKey,
    refreshSeconds: env.refreshSeconds,
    source,
  })
  // The samples' own route (samples/*/src/app.ts).
  app.get<{ Params: { key: string } }>('/config/:key', { schema: configRouteSchema }, async (request) =>
    app.appConfiguration.setting(request.params.key),
  )
  await app.ready()
  return app
}
