import { isUamiCredentialError } from '@uami/credential'
import { describe, expect, it } from 'vitest'
import { APP_SERVICE_HOST_ENV, IDENTITY_HEADER_VALUE, IDS, readSampleEnv } from './helpers.ts'

const ENDPOINT = 'https://appcs-uami.azconfig.io'

function codeOf(read: () => unknown): string | undefined {
  try {
    read()
    return undefined
  } catch (error) {
    return (error as { code?: string }).code
  }
}

function messageOf(read: () => unknown): string {
  try {
    read()
    return ''
  } catch (error) {
    return (error as Error).message
  }
}

describe('readIdentityEnv and readAppEnv, as an app composes them', () => {
  it('applies the defaults and keeps the identifier as a selector of the sample kind', () => {
    const env = readSampleEnv(
      { AZURE_CLIENT_ID: IDS.clientId, APP_CONFIG_ENDPOINT: `${ENDPOINT}/` },
      'clientId',
    )
    expect(env).toMatchObject({
      identity: {
        kind: 'clientId',
        variable: 'AZURE_CLIENT_ID',
        value: IDS.clientId,
        selector: { clientId: IDS.clientId },
      },
      appConfigEndpoint: ENDPOINT,
      port: 8080,
      refreshSeconds: 30,
      sentinelKey: 'Settings:Sentinel',
      logLevel: 'info',
    })
  })

  it('listens on 127.0.0.1 on a developer machine and on 0.0.0.0 on an Azure host unless HOST says otherwise', () => {
    const base = { AZURE_CLIENT_ID: IDS.clientId, APP_CONFIG_ENDPOINT: ENDPOINT }
    expect(readSampleEnv(base, 'clientId').host).toBe('127.0.0.1')
    expect(readSampleEnv({ ...base, ...APP_SERVICE_HOST_ENV }, 'clientId').host).toBe('0.0.0.0')
    expect(readSampleEnv({ ...base, ...APP_SERVICE_HOST_ENV, HOST: '127.0.0.1' }, 'clientId').host).toBe(
      '127.0.0.1',
    )
  })

  it('reads the object ID for the VM sample and decides on ManagedIdentityCredential when AZURE_TOKEN_CREDENTIALS asks for it', () => {
    const env = readSampleEnv(
      {
        AZURE_MANAGED_IDENTITY_OBJECT_ID: IDS.objectId,
        APP_CONFIG_ENDPOINT: ENDPOINT,
        AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential',
      },
      'objectId',
    )
    expect(env.identity.selector).toEqual({ objectId: IDS.objectId })
    expect(env.credential).toMatchObject({ host: 'vm', credentialKind: 'ManagedIdentityCredential' })
  })

  it('keeps the IDENTITY_HEADER value out of what it returns, recording only that it is set', () => {
    const env = readSampleEnv(
      { ...APP_SERVICE_HOST_ENV, AZURE_CLIENT_ID: IDS.clientId, APP_CONFIG_ENDPOINT: ENDPOINT },
      'clientId',
    )
    expect(env.credentialEnv.IDENTITY_HEADER).toBe('[set]')
    expect(JSON.stringify(env)).not.toContain(IDENTITY_HEADER_VALUE)
    expect(env.credential).toMatchObject({ host: 'app-service', credentialKind: 'ManagedIdentityCredential' })
  })

  it('copies only the variables the credential decision reads', () => {
    const env = readSampleEnv(
      { AZURE_CLIENT_ID: IDS.clientId, APP_CONFIG_ENDPOINT: ENDPOINT, PATH: '/usr/bin', SECRET_THING: 'x' },
      'clientId',
    )
    expect(Object.keys(env.credentialEnv)).toEqual(['AZURE_CLIENT_ID'])
  })

  it('stops with UAMI_SAMPLE_ENV_MISSING naming the identifier variable when it is unset or empty', () => {
    expect(codeOf(() => readSampleEnv({ APP_CONFIG_ENDPOINT: ENDPOINT }, 'resourceId'))).toBe(
      'UAMI_SAMPLE_ENV_MISSING',
    )
    expect(
      messageOf(() =>
        readSampleEnv(
          { AZURE_MANAGED_IDENTITY_RESOURCE_ID: '', APP_CONFIG_ENDPOINT: ENDPOINT },
          'resourceId',
        ),
      ),
    ).toMatch(/^AZURE_MANAGED_IDENTITY_RESOURCE_ID is not set\..*--query id --output tsv$/)
  })

  it('stops with the credential package code naming the variable for a malformed identifier', () => {
    let caught: unknown
    try {
      readSampleEnv(
        { AZURE_CLIENT_ID: `${IDS.clientId.slice(0, -1)}Z`, APP_CONFIG_ENDPOINT: ENDPOINT },
        'clientId',
      )
    } catch (error) {
      caught = error
    }
    expect(isUamiCredentialError(caught, 'UAMI_CRED_INVALID_GUID')).toBe(true)
    expect((caught as Error).message).toContain('AZURE_CLIENT_ID')
  })

  it('refuses a second identifier kind next to the sample own one, naming both variables', () => {
    const message = messageOf(() =>
      readSampleEnv(
        {
          AZURE_MANAGED_IDENTITY_RESOURCE_ID: IDS.resourceId,
          AZURE_CLIENT_ID: IDS.clientId,
          APP_CONFIG_ENDPOINT: ENDPOINT,
        },
        'resourceId',
      ),
    )
    expect(message).toMatch(
      /^Two identifier kinds at once: .*AZURE_MANAGED_IDENTITY_RESOURCE_ID, and AZURE_CLIENT_ID is set/,
    )
    expect(message).toContain('Unset AZURE_CLIENT_ID')
    expect(
      codeOf(() =>
        readSampleEnv(
          {
            AZURE_CLIENT_ID: IDS.clientId,
            AZURE_MANAGED_IDENTITY_OBJECT_ID: IDS.objectId,
            APP_CONFIG_ENDPOINT: ENDPOINT,
          },
          'clientId',
        ),
      ),
    ).toBe('UAMI_SAMPLE_TWO_IDENTIFIER_KINDS')
  })

  it("leaves AZURE_CLIENT_ID alone when it is a service principal's (AZURE_CLIENT_SECRET set with it)", () => {
    const env = readSampleEnv(
      {
        AZURE_MANAGED_IDENTITY_OBJECT_ID: IDS.objectId,
        AZURE_CLIENT_ID: IDS.clientId,
        AZURE_CLIENT_SECRET: 's3cret',
        APP_CONFIG_ENDPOINT: ENDPOINT,
      },
      'objectId',
    )
    expect(env.identity.kind).toBe('objectId')
    expect(env.credentialEnv.AZURE_CLIENT_SECRET).toBe('[set]')
  })

  it.each([
    [{}, 'UAMI_SAMPLE_ENV_MISSING', /^APP_CONFIG_ENDPOINT is not set/],
    [
      { APP_CONFIG_ENDPOINT: 'http://appcs-uami.azconfig.io' },
      'UAMI_SAMPLE_ENV_INVALID',
      /^APP_CONFIG_ENDPOINT is invalid: .*\(http; /,
    ],
    [{ APP_CONFIG_ENDPOINT: 'appcs-uami.azconfig.io' }, 'UAMI_SAMPLE_ENV_INVALID', /not an absolute URL/],
    [
      { APP_CONFIG_ENDPOINT: `${ENDPOINT}/kv?x=1` },
      'UAMI_SAMPLE_ENV_INVALID',
      /has a path, query or fragment/,
    ],
    [
      { APP_CONFIG_ENDPOINT: ENDPOINT, PORT: '70000' },
      'UAMI_SAMPLE_ENV_INVALID',
      /^PORT is invalid: expected an integer from 0 to 65535.*received "70000"/,
    ],
    [{ APP_CONFIG_ENDPOINT: ENDPOINT, PORT: '80a' }, 'UAMI_SAMPLE_ENV_INVALID', /^PORT is invalid/],
    [
      { APP_CONFIG_ENDPOINT: ENDPOINT, APP_CONFIG_REFRESH_SECONDS: '0' },
      'UAMI_SAMPLE_ENV_INVALID',
      /^APP_CONFIG_REFRESH_SECONDS is invalid/,
    ],
    [
      { APP_CONFIG_ENDPOINT: ENDPOINT, LOG_LEVEL: 'loud' },
      'UAMI_SAMPLE_ENV_INVALID',
      /^LOG_LEVEL is invalid: expected one of fatal, error/,
    ],
    [{ APP_CONFIG_ENDPOINT: ENDPOINT, UAMI_HOST: 'mainframe' }, 'UAMI_CRED_INVALID_HOST', /UAMI_HOST/],
    [
      {
        APP_CONFIG_ENDPOINT: ENDPOINT,
        UAMI_IDENTITY_RESOURCE_ID: IDS.storeId,
      },
      'UAMI_CRED_NOT_A_USER_ASSIGNED_IDENTITY',
      /UAMI_IDENTITY_RESOURCE_ID/,
    ],
  ])('stops with a coded error naming the variable for %j', (variables, code, message) => {
    const read = () => readSampleEnv({ AZURE_CLIENT_ID: IDS.clientId, ...variables }, 'clientId')
    expect(codeOf(read)).toBe(code)
    expect(messageOf(read)).toMatch(message)
  })

  it('keeps UAMI_IDENTITY_RESOURCE_ID (for fix commands) next to the client ID: it is not a second identifier kind', () => {
    const env = readSampleEnv(
      {
        AZURE_CLIENT_ID: IDS.clientId,
        APP_CONFIG_ENDPOINT: ENDPOINT,
        UAMI_IDENTITY_RESOURCE_ID: IDS.resourceId,
      },
      'clientId',
    )
    expect(env.identity.kind).toBe('clientId')
    expect(env.credentialEnv.UAMI_IDENTITY_RESOURCE_ID).toBe(IDS.resourceId)
  })

  it('treats empty optional variables as unset', () => {
    const env = readSampleEnv(
      { AZURE_CLIENT_ID: IDS.clientId, APP_CONFIG_ENDPOINT: ENDPOINT, PORT: '', LOG_LEVEL: '' },
      'clientId',
    )
    expect(env.port).toBe(8080)
    expect(env.logLevel).toBe('info')
  })
})
