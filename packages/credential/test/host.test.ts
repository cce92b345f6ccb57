import { describe, expect, it } from 'vitest'
import { detectManagedIdentitySource, HOST_KINDS, InvalidHostError, inspectHost } from '../src/diagnostics.ts'
import type { HostKind } from '../src/index.ts'
import { detectHost } from '../src/index.ts'

const SECRET_HEADER = 'header-value-that-must-not-leak'

describe('detectHost', () => {
  it.each<[string, Record<string, string>, HostKind]>([
    ['nothing set', {}, 'developer-machine'],
    [
      'CONTAINER_APP_NAME',
      { CONTAINER_APP_NAME: 'aca', IDENTITY_ENDPOINT: 'http://x', IDENTITY_HEADER: 'h' },
      'container-apps',
    ],
    ['CONTAINER_APP_NAME without an identity endpoint', { CONTAINER_APP_NAME: 'aca' }, 'container-apps'],
    ['WEBSITE_SITE_NAME', { WEBSITE_SITE_NAME: 'web' }, 'app-service'],
    [
      'IDENTITY_ENDPOINT + IDENTITY_HEADER',
      { IDENTITY_ENDPOINT: 'http://x', IDENTITY_HEADER: 'h' },
      'app-service',
    ],
    ['IDENTITY_ENDPOINT alone', { IDENTITY_ENDPOINT: 'http://x' }, 'developer-machine'],
    ['AZURE_POD_IDENTITY_AUTHORITY_HOST', { AZURE_POD_IDENTITY_AUTHORITY_HOST: 'http://127.0.0.1:1' }, 'vm'],
    ['IMDS_ENDPOINT (Azure Arc)', { IDENTITY_ENDPOINT: 'http://x', IMDS_ENDPOINT: 'http://y' }, 'vm'],
    [
      'AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential',
      { AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential' },
      'vm',
    ],
    ['AZURE_TOKEN_CREDENTIALS=prod', { AZURE_TOKEN_CREDENTIALS: ' PROD ' }, 'vm'],
    ['AZURE_TOKEN_CREDENTIALS=dev', { AZURE_TOKEN_CREDENTIALS: 'dev' }, 'developer-machine'],
    [
      'AZURE_TOKEN_CREDENTIALS=AzureCliCredential',
      { AZURE_TOKEN_CREDENTIALS: 'AzureCliCredential' },
      'developer-machine',
    ],
    ['empty markers', { WEBSITE_SITE_NAME: '', CONTAINER_APP_NAME: '', UAMI_HOST: '' }, 'developer-machine'],
  ])('%s → %s', (_, env, host) => {
    expect(detectHost(env)).toBe(host)
  })

  it.each<[string, Record<string, string>, HostKind]>([
    [
      'CONTAINER_APP_NAME over WEBSITE_SITE_NAME',
      { CONTAINER_APP_NAME: 'aca', WEBSITE_SITE_NAME: 'web' },
      'container-apps',
    ],
    [
      'App Service over IMDS markers',
      { WEBSITE_SITE_NAME: 'web', AZURE_POD_IDENTITY_AUTHORITY_HOST: 'http://x' },
      'app-service',
    ],
    [
      'App Service over AZURE_TOKEN_CREDENTIALS',
      { WEBSITE_SITE_NAME: 'web', AZURE_TOKEN_CREDENTIALS: 'prod' },
      'app-service',
    ],
    [
      'UAMI_HOST over every marker',
      { UAMI_HOST: 'developer-machine', CONTAINER_APP_NAME: 'aca' },
      'developer-machine',
    ],
    ['UAMI_HOST is case-insensitive and trimmed', { UAMI_HOST: ' VM ' }, 'vm'],
  ])('first match wins: %s', (_, env, host) => {
    expect(detectHost(env)).toBe(host)
  })

  it('lets the option override UAMI_HOST and markers', () => {
    expect(detectHost({ UAMI_HOST: 'vm', WEBSITE_SITE_NAME: 'web' }, { host: 'container-apps' })).toBe(
      'container-apps',
    )
  })

  it.each([
    [{ UAMI_HOST: 'appservice' }, undefined, 'UAMI_HOST'],
    [{}, 'azure-vm', 'the "host" option'],
  ])('refuses an unknown override %o / %s', (env, host, source) => {
    expect(() => detectHost(env, { host: host as HostKind | undefined })).toThrow(InvalidHostError)
    try {
      detectHost(env, { host: host as HostKind | undefined })
    } catch (error) {
      expect(error).toMatchObject({ code: 'UAMI_CRED_INVALID_HOST', source })
      expect((error as Error).message).toContain('app-service, container-apps, vm or developer-machine')
    }
  })

  it('explains the decision with variable names, never values', () => {
    const detection = inspectHost({
      CONTAINER_APP_NAME: 'aca-secret-name',
      IDENTITY_ENDPOINT: 'http://x',
      IDENTITY_HEADER: SECRET_HEADER,
    })
    expect(detection).toMatchObject({
      host: 'container-apps',
      decidedBy: 'marker',
      markers: ['CONTAINER_APP_NAME', 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER'],
    })
    expect(JSON.stringify(detection)).not.toContain(SECRET_HEADER)
    expect(JSON.stringify(detection)).not.toContain('aca-secret-name')
    expect(inspectHost({}).decidedBy).toBe('default')
    expect(inspectHost({ UAMI_HOST: 'vm' }).decidedBy).toBe('UAMI_HOST')
    expect(inspectHost({}, { host: 'vm' }).decidedBy).toBe('option')
  })

  it('lists the four host kinds', () => {
    expect(HOST_KINDS).toEqual(['app-service', 'container-apps', 'vm', 'developer-machine'])
  })
})

describe('detectManagedIdentitySource', () => {
  it.each([
    [
      { IDENTITY_ENDPOINT: 'http://x', IDENTITY_HEADER: SECRET_HEADER, IDENTITY_SERVER_THUMBPRINT: 't' },
      'ServiceFabric',
      false,
    ],
    [{ IDENTITY_ENDPOINT: 'http://x', IDENTITY_HEADER: SECRET_HEADER }, 'AppService', true],
    [{ MSI_ENDPOINT: 'http://x', MSI_SECRET: SECRET_HEADER }, 'MachineLearning', true],
    [{ MSI_ENDPOINT: 'http://x' }, 'CloudShell', false],
    [{ IDENTITY_ENDPOINT: 'http://x', IMDS_ENDPOINT: 'http://y' }, 'AzureArc', true],
    [{ AZURE_POD_IDENTITY_AUTHORITY_HOST: 'http://127.0.0.1:1' }, 'DefaultToImds', true],
    [{}, 'DefaultToImds', true],
    [{ IDENTITY_HEADER: SECRET_HEADER }, 'DefaultToImds', true],
  ])('follows MSAL order for %o → %s', (env, source, userAssignedSupported) => {
    const report = detectManagedIdentitySource(env)
    expect(report).toMatchObject({ source, userAssignedSupported })
    expect(JSON.stringify(report)).not.toContain(SECRET_HEADER)
    expect(JSON.stringify(report)).not.toContain('http://')
  })

  it('names the endpoint variable and whether it is loopback (the emulator)', () => {
    expect(
      detectManagedIdentitySource({ AZURE_POD_IDENTITY_AUTHORITY_HOST: 'http://127.0.0.1:9' }),
    ).toMatchObject({
      endpointVariable: 'AZURE_POD_IDENTITY_AUTHORITY_HOST',
      endpointIsLoopback: true,
    })
    expect(
      detectManagedIdentitySource({
        IDENTITY_ENDPOINT: 'http://169.254.129.1:8081/msi/token',
        IDENTITY_HEADER: 'h',
      }),
    ).toMatchObject({
      endpointVariable: 'IDENTITY_ENDPOINT',
      endpointIsLoopback: false,
    })
    const fallback = detectManagedIdentitySource({})
    expect(fallback.endpointVariable).toBeUndefined()
    expect(fallback.description).toContain('169.254.169.254')
  })
})
