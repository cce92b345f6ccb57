import { load } from '@azure/app-configuration-provider'
import { AppConfigurationSource, readAppEnv, readIdentityEnv } from '@uami/fastify-app-configuration'
import {
  ensureAppConfigurationStore,
  ensureResourceGroup,
  ensureRoleAssignment,
  seedSettings,
} from '@uami/provision'
import { pino } from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type LocalAzure, pollUntil, startLocalAzure } from '../src/index.ts'

// @uami/fastify-app-configuration's AppConfigurationSource against the local emulator. It lives here, beside the local Azure
// helpers, so that the plugin package (a runtime dependency of the samples) does not depend on the emulator.
// The source gets the developer's credential (ClientSecretCredential against the emulator's authority): the same
// code path as a managed identity from the source's point of view, in this process, over real sockets.
let local: LocalAzure
const sources: AppConfigurationSource[] = []
let counter = 0

beforeAll(async () => {
  local = await startLocalAzure()
  await ensureResourceGroup(local.clients, { name: 'rg-kit', location: 'westeurope' })
})
afterEach(async () => {
  local.emulator.faults.clear()
  await Promise.all(sources.splice(0).map((source) => source.stop()))
})
afterAll(async () => {
  await local?.emulator.stop()
})

/** A new store with Settings:Message = first, readable by the developer (App Configuration Data Owner). */
async function store() {
  counter += 1
  const facts = await ensureAppConfigurationStore(local.clients, {
    resourceGroup: 'rg-kit',
    name: `appcs-kit-${counter}`,
  })
  const developer = local.emulator.developer.objectId
  await ensureRoleAssignment(local.clients, {
    scope: facts.id,
    principalId: developer,
    role: 'App Configuration Data Owner',
  })
  await seedSettings(
    { endpoint: facts.endpoint, credential: local.credential },
    { 'Settings:Message': 'first' },
    { sentinelKey: 'Settings:Sentinel' },
  )
  return facts
}

function source(endpoint: string): AppConfigurationSource {
  const variables = {
    AZURE_CLIENT_ID: local.emulator.developer.clientId,
    APP_CONFIG_ENDPOINT: endpoint,
    APP_CONFIG_REFRESH_SECONDS: '1',
  }
  const identity = readIdentityEnv(variables, 'clientId')
  const env = readAppEnv(variables)
  const created = new AppConfigurationSource({
    env: { identity, ...env, credentialEnv: {} },
    // The samples' load() call (samples/*/src/settings.ts), with the developer's credential.
    load: ({ clientOptions }) =>
      load(env.appConfigEndpoint, local.credential, {
        refreshOptions: {
          enabled: true,
          refreshIntervalInMs: env.refreshSeconds * 1000,
          watchedSettings: [{ key: env.sentinelKey }],
        },
        replicaDiscoveryEnabled: false,
        startupOptions: { timeoutInMs: 15_000 },
        clientOptions,
      }),
    credential: local.credential,
    host: 'developer-machine',
    log: pino({ level: 'silent' }),
  })
  sources.push(created)
  return created
}

describe('AppConfigurationSource', () => {
  it('proves the identity, loads the settings and follows a sentinel change', async () => {
    const facts = await store()
    const subject = source(facts.endpoint)
    expect(subject.current().state).toBe('starting')
    subject.start()
    const ready = await pollUntil(
      async () => subject.current(),
      (status) => status.state === 'ready',
    )
    expect(ready.identity?.match).toMatchObject({
      matches: true,
      claim: 'appid',
      expected: local.emulator.developer.clientId,
    })
    expect(ready.identity?.claims.oid).toBe(local.emulator.developer.objectId)
    expect(ready.settings).toMatchObject({ values: { 'Settings:Message': 'first' }, freshness: 'fresh' })

    await seedSettings(
      { endpoint: facts.endpoint, credential: local.credential },
      { 'Settings:Message': 'second' },
      { sentinelKey: 'Settings:Sentinel' },
    )
    await pollUntil(
      async () => subject.current(),
      (status) => status.settings?.values['Settings:Message'] === 'second',
    )
  })

  it('serves the last-known-good settings, stale with the reason, while the store is unreachable, then fresh again', async () => {
    const facts = await store()
    const subject = source(facts.endpoint)
    subject.start()
    await pollUntil(
      async () => subject.current(),
      (status) => status.state === 'ready',
    )
    local.emulator.faults.inject({ endpoint: 'appconfig', reset: true })
    const stale = await pollUntil(
      async () => subject.current(),
      (status) => status.settings?.freshness === 'stale',
    )
    expect(stale.state).toBe('ready')
    expect(stale.settings?.values['Settings:Message']).toBe('first')
    expect(stale.settings?.lastRefreshError?.code).toBe('UAMI_CRED_ENDPOINT_UNREACHABLE')
    local.emulator.faults.clear()
    await pollUntil(
      async () => subject.current(),
      (status) => status.settings?.freshness === 'fresh',
    )
  })

  it('reports a 503 from the store as a service problem and retries the start by itself', async () => {
    const facts = await store()
    local.emulator.faults.inject({ endpoint: 'appconfig', status: 503, times: 8 })
    const subject = source(facts.endpoint)
    subject.start()
    const failed = await pollUntil(
      async () => subject.current(),
      (status) => status.state === 'failed',
    )
    expect(failed.error?.code).toBe('UAMI_SAMPLE_APP_CONFIG_UNAVAILABLE')
    expect(failed.nextAttemptAt).toBeDefined()
    await pollUntil(
      async () => subject.current(),
      (status) => status.state === 'ready',
      { timeoutMs: 45_000 },
    )
  })
})
