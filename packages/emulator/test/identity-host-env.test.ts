import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HostNotFoundError, InvalidHostIdError, type RunningEmulator } from '../src/index.ts'
import { startTestEmulator } from './helpers/emulator.ts'
import { seedHost, seedIdentity } from './helpers/seed.ts'

describe('hostEnv', () => {
  let emulator: RunningEmulator
  let site: string
  let app: string
  let vm: string

  beforeAll(async () => {
    emulator = await startTestEmulator()
    const identity = await seedIdentity(emulator, 'id-env')
    site = await seedHost(emulator, {
      kind: 'site',
      name: 'Web-Env',
      resourceGroup: 'rg-env',
      identities: [identity.id],
    })
    app = await seedHost(emulator, { kind: 'containerApp', name: 'ca-env', identities: [identity.id] })
    vm = await seedHost(emulator, { kind: 'virtualMachine', name: 'VM-Env', identities: [identity.id] })
  })
  afterAll(() => emulator.stop())

  it('gives a web app IDENTITY_ENDPOINT, IDENTITY_HEADER, the App Service markers and NODE_EXTRA_CA_CERTS', () => {
    const env = emulator.hostEnv(site)
    expect(env).toMatchObject({
      IDENTITY_ENDPOINT: expect.stringMatching(
        new RegExp(`^${emulator.identityEndpoint}/[a-z0-9]+/msi/token$`),
      ),
      IDENTITY_HEADER: expect.stringMatching(/.{16,}/),
      WEBSITE_SITE_NAME: 'Web-Env',
      WEBSITE_RESOURCE_GROUP: 'rg-env',
      WEBSITE_OWNER_NAME: `${emulator.subscriptionId}+rg-env-eastuswebspace`,
      WEBSITE_HOSTNAME: 'web-env.azurewebsites.net',
      NODE_EXTRA_CA_CERTS: emulator.caCertPath,
    })
  })

  it('gives a container app IDENTITY_ENDPOINT, IDENTITY_HEADER and the Container Apps markers', () => {
    const env = emulator.hostEnv(app)
    expect(env).toMatchObject({
      IDENTITY_ENDPOINT: expect.stringContaining('/msi/token'),
      IDENTITY_HEADER: expect.any(String),
      CONTAINER_APP_NAME: 'ca-env',
      CONTAINER_APP_REVISION: expect.stringMatching(/^ca-env--[a-z0-9]+$/),
      CONTAINER_APP_ENV_DNS_SUFFIX: expect.stringMatching(/\.eastus\.azurecontainerapps\.io$/),
      NODE_EXTRA_CA_CERTS: emulator.caCertPath,
    })
    expect(env).not.toHaveProperty('WEBSITE_SITE_NAME')
  })

  it('gives a VM only AZURE_POD_IDENTITY_AUTHORITY_HOST (lower-case, as MSAL lower-cases it) and NODE_EXTRA_CA_CERTS', () => {
    const env = emulator.hostEnv(vm)
    expect(Object.keys(env).sort()).toEqual(['AZURE_POD_IDENTITY_AUTHORITY_HOST', 'NODE_EXTRA_CA_CERTS'])
    const url = env.AZURE_POD_IDENTITY_AUTHORITY_HOST ?? ''
    expect(url).toBe(url.toLowerCase())
    expect(url.startsWith(`${emulator.identityEndpoint}/`)).toBe(true)
  })

  it('never sets the variables that would select another MSAL source (Service Fabric, Machine Learning)', () => {
    for (const host of [site, app, vm]) {
      const env = emulator.hostEnv(host)
      for (const name of ['IDENTITY_SERVER_THUMBPRINT', 'MSI_ENDPOINT', 'MSI_SECRET', 'IMDS_ENDPOINT']) {
        expect(env).not.toHaveProperty(name)
      }
    }
  })

  it('finds the host whatever the casing of the ID', () => {
    expect(emulator.hostEnv(site.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/'))).toEqual(
      emulator.hostEnv(site),
    )
  })

  it('gives each host its own secret and endpoint', () => {
    const a = emulator.hostEnv(site)
    const b = emulator.hostEnv(app)
    expect(a.IDENTITY_HEADER).not.toBe(b.IDENTITY_HEADER)
    expect(a.IDENTITY_ENDPOINT).not.toBe(b.IDENTITY_ENDPOINT)
  })

  it('throws a coded error for an ID that is not a host', () => {
    for (const bad of [
      'not-an-id',
      `/subscriptions/${emulator.subscriptionId}/resourceGroups/rg-env`,
      `/subscriptions/${emulator.subscriptionId}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/x`,
    ]) {
      expect(() => emulator.hostEnv(bad)).toThrow(InvalidHostIdError)
    }
    expect(() => emulator.hostEnv('nope')).toThrow(
      expect.objectContaining({ code: 'UAMI_EMU_INVALID_HOST_ID' }),
    )
  })

  it('throws HostNotFoundError (UAMI_EMU_HOST_NOT_FOUND) for a host that does not exist', () => {
    const missing = site.replace('Web-Env', 'web-missing')
    expect(() => emulator.hostEnv(missing)).toThrow(HostNotFoundError)
    expect(() => emulator.hostEnv(missing)).toThrow(
      expect.objectContaining({ code: 'UAMI_EMU_HOST_NOT_FOUND' }),
    )
  })
})
