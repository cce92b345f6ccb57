import { RestError } from '@azure/core-rest-pipeline'
import { describe, expect, it } from 'vitest'
import { describeFailure, storeIdFromError } from '../src/status/describe-failure.ts'
import { appServiceEnv, CLAIMS, IDS } from './helpers.ts'

const context = () => ({
  env: appServiceEnv(),
  host: 'app-service' as const,
  claims: CLAIMS,
  retryInSeconds: 30,
})
const NOW = new Date('2026-01-01T00:00:00.000Z')

describe('describeFailure', () => {
  it('turns a 403 from App Configuration into the exact role assignment command, with the store ID the service named', () => {
    const error = new RestError(
      `The received access token does not have authorization to perform action 'Microsoft.AppConfiguration/configurationStores/keyValues/read' over the requested scope '${IDS.storeId}' or the scope is invalid.`,
      { statusCode: 403 },
    )
    const failure = describeFailure(error, context(), NOW)
    expect(failure.code).toBe('UAMI_CRED_FORBIDDEN')
    expect(failure.fix).toContain(
      `az role assignment create --assignee-object-id ${IDS.objectId} --assignee-principal-type ServicePrincipal --role "App Configuration Data Reader" --scope ${IDS.storeId}`,
    )
    expect(failure.at).toBe('2026-01-01T00:00:00.000Z')
  })

  it('falls back to a placeholder and the lookup command when the 403 does not name the store', () => {
    const failure = describeFailure(new RestError('Forbidden', { statusCode: 403 }), context(), NOW)
    expect(failure.fix).toContain('--scope <store-resource-id>')
    expect(failure.fix.split('\n')).toContain('az appconfig show --name appcs-uami --query id --output tsv')
  })

  it('says in message what failed and why, and in fix what to run — once: for 403 the command is not in the message', () => {
    const error = new RestError(`Forbidden over the requested scope '${IDS.storeId}'`, { statusCode: 403 })
    const failure = describeFailure(error, context(), NOW)
    expect(failure.message).toContain('App Configuration answered 403 Forbidden')
    expect(failure.message).not.toContain('az role assignment')
    const create = failure.fix.split('\n').filter((line) => line.startsWith('az role assignment create'))
    expect(create).toHaveLength(1)
    // Without ARM the sample cannot tell a missing role from one still propagating: the list command tells them
    // apart, and "wait" is only the advice for the second.
    expect(failure.fix).toContain('az role assignment list')
    expect(failure.fix).toMatch(/If it is listed, it was assigned recently and is still propagating: wait/)
  })

  it('names the real resource ID in the attach command when the deployment sets UAMI_IDENTITY_RESOURCE_ID', () => {
    const error = Object.assign(new Error('ManagedIdentityCredential: Identity not found'), {
      name: 'CredentialUnavailableError',
    })
    const failure = describeFailure(
      error,
      { ...context(), env: appServiceEnv({ UAMI_IDENTITY_RESOURCE_ID: IDS.resourceId }) },
      NOW,
    )
    expect(failure.fix.split('\n')).toContain(
      `az webapp identity assign --resource-group rg-uami --name web-uami --identities ${IDS.resourceId}`,
    )
    expect(`${failure.message}\n${failure.fix}`).not.toMatch(/<[a-z-]+>/)
    expect(failure.message).not.toContain('az webapp identity assign')
  })

  it('turns a connection error into UAMI_CRED_ENDPOINT_UNREACHABLE naming the store endpoint', () => {
    const error = new RestError('connect ECONNREFUSED 127.0.0.1:443', { code: 'ECONNREFUSED' })
    const failure = describeFailure(error, context(), NOW)
    expect(failure.code).toBe('UAMI_CRED_ENDPOINT_UNREACHABLE')
    expect(failure.message).toContain('https://appcs-uami.azconfig.io')
  })

  it('reports 429 and 5xx as a service problem, not an identity one, with the retry delay', () => {
    for (const statusCode of [429, 503]) {
      const failure = describeFailure(new RestError('Service Unavailable', { statusCode }), context(), NOW)
      expect(failure.code).toBe('UAMI_SAMPLE_APP_CONFIG_UNAVAILABLE')
      expect(failure.message).toContain(`answered HTTP ${statusCode}`)
      expect(failure.fix).toContain('tries again in 30 s')
    }
  })

  it('turns "Identity not found" from the identity endpoint into the App Service attach command', () => {
    const error = Object.assign(
      new Error('ManagedIdentityCredential: Authentication failed. Message Identity not found'),
      {
        name: 'CredentialUnavailableError',
      },
    )
    const failure = describeFailure(error, context(), NOW)
    expect(failure.code).toBe('UAMI_CRED_IDENTITY_NOT_ATTACHED')
    expect(failure.fix).toContain(
      'az webapp identity assign --resource-group rg-uami --name web-uami --identities',
    )
  })

  it('keeps other errors as UAMI_SAMPLE_SETTINGS_LOAD_FAILED with the cause chain, without tokens', () => {
    const error = new Error('The load operation failed.', {
      cause: new Error(
        'Unexpected token in Bearer eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl',
      ),
    })
    const failure = describeFailure(error, context(), NOW)
    expect(failure.code).toBe('UAMI_SAMPLE_SETTINGS_LOAD_FAILED')
    expect(failure.message).toContain('The load operation failed. <- Unexpected token in [REDACTED]')
    expect(failure.message).not.toMatch(/Bearer|eyJ/)
  })
})

describe('storeIdFromError', () => {
  it('finds a store resource ID anywhere in the cause chain, and nothing else', () => {
    expect(storeIdFromError(new Error('outer', { cause: new Error(`scope '${IDS.storeId}' denied`) }))).toBe(
      IDS.storeId,
    )
    expect(storeIdFromError(new Error(`scope '${IDS.resourceId}'`))).toBeUndefined()
  })
})
