import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity'
import { AzureLogger, getLogLevel, setLogLevel } from '@azure/logger'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  InvalidAuthorityHostError,
  InvalidOptionError,
  InvalidSelectorError,
  InvalidTokenCredentialsError,
  isLoopbackAuthorityHost,
  readTokenCredentials,
  UserAssignedUnsupportedError,
} from '../src/diagnostics.ts'
import type { CreateCredentialOptions, IdentitySelector } from '../src/index.ts'
import { chooseCredential, createCredential } from '../src/index.ts'
import { ATTACHED } from './helpers/ids.ts'

// Decisions are tested in process with an explicit env (no SDK call is made: nothing reaches the network).

const CLIENT = { AZURE_CLIENT_ID: ATTACHED.clientId }
const OBJECT = { AZURE_MANAGED_IDENTITY_OBJECT_ID: ATTACHED.objectId }
const RESOURCE = { AZURE_MANAGED_IDENTITY_RESOURCE_ID: ATTACHED.resourceId }
const APP_SERVICE = {
  WEBSITE_SITE_NAME: 'web',
  IDENTITY_ENDPOINT: 'http://127.0.0.1:1/msi/token',
  IDENTITY_HEADER: 'hdr-9f8e7d6c',
}

function thrown(action: () => unknown): Error {
  try {
    action()
  } catch (error) {
    return error as Error
  }
  throw new Error('did not throw')
}

describe('chooseCredential', () => {
  it.each<[string, CreateCredentialOptions, string, string]>([
    ['App Service', { env: { ...APP_SERVICE, ...CLIENT } }, 'app-service', 'ManagedIdentityCredential'],
    [
      'Container Apps',
      { env: { CONTAINER_APP_NAME: 'a', ...RESOURCE } },
      'container-apps',
      'ManagedIdentityCredential',
    ],
    [
      'a VM (systemd sets AZURE_TOKEN_CREDENTIALS)',
      { env: { AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential', ...OBJECT } },
      'vm',
      'ManagedIdentityCredential',
    ],
    [
      'a VM with prod',
      { env: { AZURE_TOKEN_CREDENTIALS: 'prod', ...OBJECT } },
      'vm',
      'ManagedIdentityCredential',
    ],
    ['a developer machine', { env: { ...CLIENT } }, 'developer-machine', 'DefaultAzureCredential'],
    [
      'dev on a developer machine',
      { env: { AZURE_TOKEN_CREDENTIALS: 'dev', ...CLIENT } },
      'developer-machine',
      'DefaultAzureCredential',
    ],
    [
      'AzureCliCredential on an App Service host',
      { env: { ...APP_SERVICE, AZURE_TOKEN_CREDENTIALS: 'AzureCliCredential', ...CLIENT } },
      'app-service',
      'DefaultAzureCredential',
    ],
    [
      'ManagedIdentityCredential with the developer-machine override',
      { env: { AZURE_TOKEN_CREDENTIALS: 'managedidentitycredential', ...CLIENT }, host: 'developer-machine' },
      'developer-machine',
      'ManagedIdentityCredential',
    ],
    [
      'prod with the developer-machine override',
      { env: { AZURE_TOKEN_CREDENTIALS: 'prod', ...CLIENT }, host: 'developer-machine' },
      'developer-machine',
      'DefaultAzureCredential',
    ],
    ['UAMI_HOST=vm', { env: { UAMI_HOST: 'vm', ...CLIENT } }, 'vm', 'ManagedIdentityCredential'],
  ])('on %s → %s uses %s', (_, options, host, credentialKind) => {
    expect(chooseCredential(options)).toMatchObject({ host, credentialKind })
  })

  it('reports the selector, where it came from and the MI source, without secrets', () => {
    const summary = chooseCredential({ env: { ...APP_SERVICE, ...CLIENT } })
    expect(summary).toMatchObject({
      selector: { kind: 'clientId', value: ATTACHED.clientId, variable: 'AZURE_CLIENT_ID' },
      managedIdentitySource: 'AppService',
      hostDecidedBy: 'marker',
      disableInstanceDiscovery: false,
    })
    expect(Object.isFrozen(summary)).toBe(true)
    expect(JSON.stringify(summary)).not.toContain(APP_SERVICE.IDENTITY_HEADER)
    const given = chooseCredential({ env: {}, selector: { objectId: ATTACHED.objectId }, host: 'vm' })
    expect(given.selector).toEqual({ kind: 'objectId', value: ATTACHED.objectId })
  })

  it('notes that DefaultAzureCredential has no object-ID option', () => {
    const summary = chooseCredential({ env: { ...OBJECT } })
    expect(summary.credentialKind).toBe('DefaultAzureCredential')
    expect(summary.notes.join(' ')).toContain('DefaultAzureCredential has no object-ID option')
  })

  it('warns when an App Service host has no identity endpoint', () => {
    const summary = chooseCredential({ env: { WEBSITE_SITE_NAME: 'web', ...CLIENT } })
    expect(summary.notes.join(' ')).toContain('no managed identity is enabled on the app')
  })

  it.each([
    ['https://127.0.0.1:8443', true],
    ['https://127.5.6.7', true],
    ['https://localhost:1234/', true],
    ['https://[::1]:8443', true],
    ['https://login.microsoftonline.com', false],
    ['https://128.0.0.1', false],
    ['https://localhost.example.com', false],
  ])('disables instance discovery for AZURE_AUTHORITY_HOST=%s: %s', (authorityHost, loopback) => {
    expect(
      chooseCredential({ env: { AZURE_AUTHORITY_HOST: authorityHost, ...CLIENT } }).disableInstanceDiscovery,
    ).toBe(loopback)
    expect(isLoopbackAuthorityHost(authorityHost)).toBe(loopback)
  })

  it('prefers credentialOptions.authorityHost over AZURE_AUTHORITY_HOST', () => {
    const summary = chooseCredential({
      env: { AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com', ...CLIENT },
      credentialOptions: { authorityHost: 'https://127.0.0.1:1' },
    })
    expect(summary.disableInstanceDiscovery).toBe(true)
  })

  it.each([
    ['http://127.0.0.1:8443', 'it uses http, not https'],
    ['127.0.0.1:8443', 'it is not an absolute URL'],
    ['localhost:8443', "it does not start with 'https://'"],
    ['not a url', 'it is not an absolute URL'],
  ])('refuses AZURE_AUTHORITY_HOST=%s', (authorityHost, reason) => {
    const error = thrown(() => chooseCredential({ env: { AZURE_AUTHORITY_HOST: authorityHost, ...CLIENT } }))
    expect(error).toBeInstanceOf(InvalidAuthorityHostError)
    expect(error.message).toContain(reason)
  })

  it('refuses an AZURE_TOKEN_CREDENTIALS value the SDK would refuse, naming the accepted ones', () => {
    const error = thrown(() =>
      chooseCredential({ env: { AZURE_TOKEN_CREDENTIALS: 'managed-identity', ...CLIENT } }),
    )
    expect(error).toBeInstanceOf(InvalidTokenCredentialsError)
    expect(error.message).toContain('ManagedIdentityCredential')
    expect(readTokenCredentials({ AZURE_TOKEN_CREDENTIALS: ' AzureDeveloperCliCredential ' })).toBe(
      'azuredeveloperclicredential',
    )
    expect(readTokenCredentials({})).toBeUndefined()
  })

  it('refuses a user-assigned identity where the MI source cannot select one (Cloud Shell)', () => {
    const error = thrown(() =>
      chooseCredential({
        env: { MSI_ENDPOINT: 'http://localhost:50342/oauth2/token', UAMI_HOST: 'vm', ...CLIENT },
      }),
    )
    expect(error).toBeInstanceOf(UserAssignedUnsupportedError)
    expect(error).toMatchObject({ source: 'CloudShell', variables: ['MSI_ENDPOINT'] })
  })
})

describe('createCredential', () => {
  it('builds ManagedIdentityCredential on a host and DefaultAzureCredential on a developer machine', () => {
    expect(createCredential({ env: { ...APP_SERVICE, ...RESOURCE } }).credential).toBeInstanceOf(
      ManagedIdentityCredential,
    )
    expect(createCredential({ env: { ...OBJECT } }).credential).toBeInstanceOf(DefaultAzureCredential)
  })

  it('refuses the string form of a selector at run time (ERRATA #1)', () => {
    const selector = ATTACHED.resourceId as unknown as IdentitySelector
    const error = thrown(() => createCredential({ env: { ...APP_SERVICE }, selector }))
    expect(error).toBeInstanceOf(InvalidSelectorError)
    expect(error.message).toContain('a string is always read as a client ID')
  })

  it('refuses the string form of a selector in the types', () => {
    // @ts-expect-error a string is not an IdentitySelector
    const options: CreateCredentialOptions = { selector: ATTACHED.clientId }
    // @ts-expect-error two identifiers are not an IdentitySelector
    const both: IdentitySelector = { clientId: ATTACHED.clientId, objectId: ATTACHED.objectId }
    expect(() => createCredential({ ...options, env: {} })).toThrow(InvalidSelectorError)
    expect(() => createCredential({ selector: both, env: {} })).toThrow(InvalidSelectorError)
  })

  it.each([
    [{ credentialOptions: { clientId: ATTACHED.clientId } }, 'it sets clientId'],
    [
      { defaultAzureCredentialOptions: { managedIdentityResourceId: ATTACHED.resourceId } },
      'it sets managedIdentityResourceId',
    ],
  ])('refuses an identity hidden in the SDK options %o', (options, reason) => {
    const error = thrown(() =>
      createCredential({ env: { ...CLIENT }, ...(options as CreateCredentialOptions) }),
    )
    expect(error).toBeInstanceOf(InvalidSelectorError)
    expect(error.message).toContain(reason)
  })

  it.each([[null], ['env'], [{ env: 5 }], [{ credentialOptions: 'x' }]])(
    'refuses malformed options %o with a coded error',
    (options) => {
      const error = thrown(() => createCredential(options as never))
      expect(error).toBeInstanceOf(InvalidOptionError)
    },
  )

  describe('logging', () => {
    let lines: string[] = []
    const originalLog = AzureLogger.log
    const originalLevel = getLogLevel()
    beforeEach(() => {
      lines = []
      AzureLogger.log = (...args: unknown[]) => {
        lines.push(args.map(String).join(' '))
      }
      setLogLevel('verbose')
    })
    afterEach(() => {
      AzureLogger.log = originalLog
      setLogLevel(originalLevel)
    })

    it('logs which variables decided, under azure:uami-credential, never secret values', () => {
      createCredential({ env: { ...APP_SERVICE, ...CLIENT, AZURE_CLIENT_SECRET: 'client-secret-value-123' } })
      const ours = lines.filter((line) => line.includes('azure:uami-credential'))
      expect(ours.join('\n')).toContain('found AZURE_CLIENT_ID')
      expect(ours.join('\n')).toContain('chose ManagedIdentityCredential on app-service')
      expect(ours.join('\n')).toContain('WEBSITE_SITE_NAME')
      const all = lines.join('\n')
      expect(all).not.toContain(APP_SERVICE.IDENTITY_HEADER)
      expect(all).not.toContain('client-secret-value-123')
    })

    it('warns that the object ID cannot be passed to DefaultAzureCredential', () => {
      createCredential({ env: { ...OBJECT } })
      expect(
        lines.some(
          (line) => line.includes('uami-credential:warning') && line.includes('no object-ID option'),
        ),
      ).toBe(true)
    })
  })
})
