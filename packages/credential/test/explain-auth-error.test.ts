import { createPipelineRequest, RestError } from '@azure/core-rest-pipeline'
import {
  AggregateAuthenticationError,
  AuthenticationError,
  CredentialUnavailableError,
} from '@azure/identity'
import { describe, expect, it } from 'vitest'
import {
  AccessForbiddenError,
  AuthenticationFailedError,
  EndpointUnreachableError,
  IdentityEndpointUnavailableError,
  IdentityNotAttachedError,
  InvalidGuidError,
  NoCredentialAvailableError,
  UnauthorizedError,
} from '../src/diagnostics.ts'
import type { UamiCredentialError } from '../src/index.ts'
import { explainAuthError } from '../src/index.ts'
import { ATTACHED, TENANT_ID } from './helpers/ids.ts'
import { fakeJwt } from './helpers/jwt.ts'

// The errors here are the SDK's own classes, shaped like the ones the end-to-end tests observe.

const APP_SERVICE_NOT_FOUND = new CredentialUnavailableError(
  'ManagedIdentityCredential: Authentication failed. Message : Error(s): Not Available - Timestamp: Not Available - Description: Unable to load the proper Managed Identity. - Correlation ID: abc - Trace ID: Not Available',
)
const IMDS_NOT_FOUND = new CredentialUnavailableError(
  'ManagedIdentityCredential: Authentication failed. Message invalid_request: Error(s): Not Available - Timestamp: Not Available - Description: Identity not found - Correlation ID: Not Available - Trace ID: Not Available',
)
const MI_NETWORK = new CredentialUnavailableError(
  'ManagedIdentityCredential: Network unreachable. Message: network_error: See https://aka.ms/msal.js.errors#network_error for details',
)
const STORE_ID = `/subscriptions/${ATTACHED.resourceId.split('/')[2]}/resourceGroups/rg-cfg/providers/Microsoft.AppConfiguration/configurationStores/cfg-uami`

function restError(
  statusCode: number,
  url: string,
  message = 'Operation returned an invalid status code',
): RestError {
  return new RestError(message, { statusCode, request: createPipelineRequest({ url }) })
}

describe('explainAuthError: identity not attached', () => {
  it.each([
    ['App Service', APP_SERVICE_NOT_FOUND, 'Unable to load the proper Managed Identity'],
    ['IMDS', IMDS_NOT_FOUND, 'Identity not found'],
  ])('recognises the %s answer', (_, error, text) => {
    const explained = explainAuthError(error, {
      host: 'vm',
      env: {},
      selector: { resourceId: ATTACHED.resourceId },
    })
    expect(explained).toBeInstanceOf(IdentityNotAttachedError)
    expect(explained.message).toContain(`("${text}")`)
    expect(explained.cause).toBe(error)
  })

  it.each([
    [
      'app-service',
      `az webapp identity assign --resource-group rg-web --name web-uami --identities ${ATTACHED.resourceId}`,
    ],
    [
      'container-apps',
      `az containerapp identity assign --resource-group rg-web --name web-uami --user-assigned ${ATTACHED.resourceId}`,
    ],
    [
      'vm',
      `az vm identity assign --resource-group rg-web --name web-uami --identities ${ATTACHED.resourceId}`,
    ],
  ] as const)('gives the %s command with the right flag (ERRATA #2)', (host, command) => {
    const explained = explainAuthError(APP_SERVICE_NOT_FOUND, {
      host,
      env: {},
      resourceGroup: 'rg-web',
      hostName: 'web-uami',
      identityResourceId: ATTACHED.resourceId,
    }) as IdentityNotAttachedError
    expect(explained.commands).toEqual([command])
    expect(explained.fix).toContain(command)
    expect(explained.fix).toContain('identity show --resource-group rg-web --name web-uami')
  })

  it('fills the App Service names from WEBSITE_SITE_NAME and WEBSITE_RESOURCE_GROUP', () => {
    const explained = explainAuthError(APP_SERVICE_NOT_FOUND, {
      env: {
        WEBSITE_SITE_NAME: 'web1',
        WEBSITE_RESOURCE_GROUP: 'rg1',
        AZURE_MANAGED_IDENTITY_RESOURCE_ID: ATTACHED.resourceId,
      },
    }) as IdentityNotAttachedError
    expect(explained.host).toBe('app-service')
    expect(explained.commands).toEqual([
      `az webapp identity assign --resource-group rg1 --name web1 --identities ${ATTACHED.resourceId}`,
    ])
  })

  it('marks unknown names as placeholders and, without the resource ID, looks it up in the command itself', () => {
    const explained = explainAuthError(IMDS_NOT_FOUND, {
      host: 'vm',
      env: {},
      selector: { clientId: ATTACHED.clientId },
    })
    expect((explained as IdentityNotAttachedError).commands).toEqual([
      `az vm identity assign --resource-group <resource-group> --name <vm-name> --identities "$(az identity list --query "[?clientId=='${ATTACHED.clientId}'].id" --output tsv)"`,
    ])
    expect(explained.message).toContain(`client ID ${ATTACHED.clientId}`)
  })

  it('uses the resource ID the deployment names in UAMI_IDENTITY_RESOURCE_ID, and puts each command on its own line', () => {
    const explained = explainAuthError(IMDS_NOT_FOUND, {
      host: 'app-service',
      env: {
        UAMI_IDENTITY_RESOURCE_ID: ATTACHED.resourceId,
        WEBSITE_SITE_NAME: 'web',
        WEBSITE_RESOURCE_GROUP: 'rg',
      },
      selector: { clientId: ATTACHED.clientId },
    })
    const attach = `az webapp identity assign --resource-group rg --name web --identities ${ATTACHED.resourceId}`
    expect(explained.fix.split('\n')).toEqual([
      'Attach the identity to this App Service app; the app retries on its own:',
      attach,
      'See what is attached:',
      'az webapp identity show --resource-group rg --name web',
    ])
    // What failed and why, then the fix: nothing said twice, no placeholder left.
    expect(explained.problem).not.toContain('az ')
    expect(explained.message).toBe(`${explained.problem} ${explained.fix}`)
    expect(explained.message).not.toMatch(/<[a-z-]+>/)
  })

  it('ignores a UAMI_IDENTITY_RESOURCE_ID that names no user-assigned identity', () => {
    const explained = explainAuthError(IMDS_NOT_FOUND, {
      host: 'vm',
      env: {
        UAMI_IDENTITY_RESOURCE_ID: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Web/sites/web',
      },
      selector: { clientId: ATTACHED.clientId },
    }) as IdentityNotAttachedError
    expect(explained.commands[0]).toContain('"$(az identity list')
  })

  it('uses the identity name when only the name is known', () => {
    const explained = explainAuthError(IMDS_NOT_FOUND, {
      host: 'vm',
      env: {},
      identityName: 'id-uami-app',
      selector: { objectId: ATTACHED.objectId },
    })
    expect((explained as IdentityNotAttachedError).commands[0]).toContain('--identities id-uami-app')
    expect(explained.message).toContain("A name works when the identity is in the host's resource group")
  })

  it('lists the command for every host kind when the host is unknown', () => {
    const explained = explainAuthError(IMDS_NOT_FOUND, {
      host: 'developer-machine',
      env: {},
    }) as IdentityNotAttachedError
    expect(explained.commands.map((command) => command.split(' ').slice(0, 2).join(' '))).toEqual([
      'az webapp',
      'az containerapp',
      'az vm',
    ])
  })

  it('finds the answer inside DefaultAzureCredential aggregated errors', () => {
    const aggregate = new AggregateAuthenticationError(
      [new CredentialUnavailableError('EnvironmentCredential is unavailable.'), IMDS_NOT_FOUND],
      'ChainedTokenCredential authentication failed.',
    )
    expect(explainAuthError(aggregate, { env: {} })).toBeInstanceOf(IdentityNotAttachedError)
  })
})

describe('explainAuthError: 403 from App Configuration', () => {
  it('gives the role assignment with --assignee-object-id and the propagation note', () => {
    const explained = explainAuthError(
      restError(403, 'https://cfg-uami.azconfig.io/kv/message?api-version=2023-11-01'),
      {
        env: {},
        principalId: ATTACHED.objectId,
        storeId: STORE_ID,
      },
    )
    expect(explained).toBeInstanceOf(AccessForbiddenError)
    expect((explained as AccessForbiddenError).command).toBe(
      `az role assignment create --assignee-object-id ${ATTACHED.objectId} --assignee-principal-type ServicePrincipal --role "App Configuration Data Reader" --scope ${STORE_ID}`,
    )
    expect(explained.message).toContain(
      'App Configuration answered 403 Forbidden (https://cfg-uami.azconfig.io)',
    )
    expect(explained.message).toContain('Reader, Contributor and Owner are control-plane roles')
    expect(explained.message).not.toContain('/kv/message')
    // Unknown whether a role is assigned: the list command tells "none" from "still propagating" — the only case
    // to wait in — and each command is on a line of its own, once.
    const lines = explained.fix.split('\n')
    expect(lines).toContain(
      `az role assignment list --scope ${STORE_ID} --include-inherited --query "[?principalId=='${ATTACHED.objectId}'].roleDefinitionName" --output tsv`,
    )
    expect(lines).toContain((explained as AccessForbiddenError).command)
    expect(lines.filter((line) => line === (explained as AccessForbiddenError).command)).toHaveLength(1)
    expect(explained.fix).toMatch(/If it is listed, it was assigned recently and is still propagating: wait/)
    expect(explained.problem).toContain('up to ~15 minutes')
    expect(explained.problem).not.toContain('az role assignment')
  })

  it('says to assign the role, and not to wait, when ARM lists none', () => {
    const explained = explainAuthError(restError(403, 'https://cfg-uami.azconfig.io/kv'), {
      env: {},
      principalId: ATTACHED.objectId,
      storeId: STORE_ID,
      roleAssignment: { state: 'missing' },
    }) as AccessForbiddenError
    expect(explained.fix.split('\n')).toEqual([
      'Assign the role; the app retries on its own:',
      explained.command,
    ])
    expect(explained.message).not.toMatch(/\bwait\b/i)
    expect(explained.problem).toContain('ARM lists no App Configuration data role')
  })

  it('says to wait, and to change nothing, when ARM lists a role that is still propagating', () => {
    const explained = explainAuthError(restError(403, 'https://cfg-uami.azconfig.io/kv'), {
      env: {},
      principalId: ATTACHED.objectId,
      storeId: STORE_ID,
      roleAssignment: {
        state: 'propagating',
        role: 'App Configuration Data Reader',
        scope: STORE_ID,
        ageSeconds: 4,
      },
    }) as AccessForbiddenError
    expect(explained.fix).toMatch(/^Wait, then retry: nothing needs changing/)
    expect(explained.fix).not.toContain('az role assignment create')
    expect(explained.problem).toContain('assigned 4 s ago: the assignment is still propagating')
  })

  it('shows a loopback store endpoint beside the Azure one, labelled', () => {
    const explained = explainAuthError(restError(403, 'https://127.0.0.1:4443/kv'), {
      env: {},
      principalId: ATTACHED.objectId,
      storeId: STORE_ID,
    })
    expect(explained.problem).toContain(
      '(https://cfg-uami.azconfig.io in Azure; locally https://127.0.0.1:4443, the emulator)',
    )
  })

  it('takes the principal from an object-ID selector or the token claims', () => {
    const url = 'https://cfg-uami.azconfig.io/kv'
    const bySelector = explainAuthError(restError(403, url), {
      env: {},
      selector: { objectId: ATTACHED.objectId },
    })
    expect((bySelector as AccessForbiddenError).principalId).toBe(ATTACHED.objectId)
    const byClaims = explainAuthError(restError(403, url), { env: {}, claims: { oid: ATTACHED.objectId } })
    expect((byClaims as AccessForbiddenError).principalId).toBe(ATTACHED.objectId)
  })

  it('uses placeholders and says how to find the missing values', () => {
    const explained = explainAuthError(restError(403, 'https://cfg-uami.azconfig.io/kv'), {
      env: {},
      selector: { resourceId: ATTACHED.resourceId },
    })
    expect((explained as AccessForbiddenError).command).toContain('--assignee-object-id <principal-id>')
    expect((explained as AccessForbiddenError).command).toContain('--scope <store-resource-id>')
    expect(explained.message).toContain(
      `az identity show --ids ${ATTACHED.resourceId} --query principalId --output tsv`,
    )
    expect(explained.message).toContain('az appconfig show --name cfg-uami --query id --output tsv')
  })

  it('looks the principal ID up by client ID when that is all it knows', () => {
    const explained = explainAuthError(restError(403, 'https://cfg-uami.azconfig.io/kv'), {
      env: {},
      selector: { clientId: ATTACHED.clientId },
    })
    expect(explained.message).toContain(
      `az identity list --query "[?clientId=='${ATTACHED.clientId}'].principalId" --output tsv`,
    )
  })

  it('recognises App Configuration on the local emulator by its /kv path', () => {
    const explained = explainAuthError(restError(403, 'https://127.0.0.1:8443/kv?key=*'), { env: {} })
    expect((explained as AccessForbiddenError).role).toBe('App Configuration Data Reader')
  })

  it('does not assume App Configuration for another service', () => {
    const explained = explainAuthError(restError(403, 'https://kv-uami.vault.azure.net/secrets/x'), {
      env: {},
    })
    expect(explained).toMatchObject({ role: '<role>', scope: '<resource-id>', service: 'The service' })
  })
})

describe('explainAuthError: 401', () => {
  it('names the token audience and tenant when the claims are known', () => {
    const explained = explainAuthError(restError(401, 'https://cfg-uami.azconfig.io/kv'), {
      env: {},
      claims: { aud: 'https://management.azure.com', tid: TENANT_ID },
    })
    expect(explained).toBeInstanceOf(UnauthorizedError)
    expect(explained.message).toContain(`aud https://management.azure.com, tid ${TENANT_ID}`)
    expect(explained.fix).toContain('https://appconfig.azure.com')
  })
})

describe('explainAuthError: unreachable endpoints', () => {
  it.each([
    ['ENOTFOUND', 'does not resolve'],
    ['ECONNREFUSED', 'Nothing accepts connections'],
    ['ETIMEDOUT', 'No answer in time'],
  ])('explains %s reaching the service', (code, why) => {
    const cause = Object.assign(new Error(`getaddrinfo ${code} cfg-uami.azconfig.io`), { code })
    const error = new RestError(`request failed: ${code}`, {
      code: 'REQUEST_SEND_ERROR',
      request: createPipelineRequest({ url: 'https://cfg-uami.azconfig.io/kv?key=*' }),
    })
    Object.assign(error, { cause })
    const explained = explainAuthError(error, { env: {} })
    expect(explained).toBeInstanceOf(EndpointUnreachableError)
    expect(explained).toMatchObject({
      target: 'service',
      endpoint: 'https://cfg-uami.azconfig.io',
      errorCode: code,
    })
    expect(explained.message).toContain(why)
    expect(explained.fix).toContain('az appconfig show --name cfg-uami --query endpoint --output tsv')
  })

  it('explains IMDS as unreachable off Azure', () => {
    const explained = explainAuthError(MI_NETWORK, { env: {} })
    expect(explained).toMatchObject({
      target: 'managed-identity-endpoint',
      endpoint: 'IMDS at 169.254.169.254',
      errorCode: 'network_error',
    })
    expect(explained.fix).toContain('AZURE_TOKEN_CREDENTIALS=dev')
  })

  it('explains a platform identity endpoint that does not answer', () => {
    const explained = explainAuthError(MI_NETWORK, {
      env: {
        CONTAINER_APP_NAME: 'aca',
        IDENTITY_ENDPOINT: 'http://localhost.internal:42356/msi/token',
        IDENTITY_HEADER: 'h',
      },
    })
    expect(explained).toMatchObject({ target: 'managed-identity-endpoint', endpoint: 'IDENTITY_ENDPOINT' })
    expect(explained.fix).toContain(
      'az containerapp identity show --resource-group <resource-group> --name aca',
    )
  })
})

describe('explainAuthError: the managed identity endpoint answers 429 or 5xx', () => {
  /** What ManagedIdentityCredential throws when the endpoint kept answering `status`: MSAL's ServerError inside. */
  const answered = (status: number): CredentialUnavailableError =>
    new CredentialUnavailableError(
      `ManagedIdentityCredential: Authentication failed. Message busy: Error(s): Not Available - Timestamp: Not Available - Description: HTTP ${status} - Correlation ID: Not Available - Trace ID: Not Available`,
      { cause: Object.assign(new Error(`busy: HTTP ${status}`), { name: 'ServerError', status }) },
    )
  const appService = {
    WEBSITE_SITE_NAME: 'web',
    IDENTITY_ENDPOINT: 'http://127.0.0.1:41000/msi/token',
    IDENTITY_HEADER: 'secret-header',
  }

  it.each([429, 500, 503])(
    'says HTTP %i is a transient problem of the identity service, not of the configuration',
    (status) => {
      const explained = explainAuthError(answered(status), { env: appService })
      expect(explained).toBeInstanceOf(IdentityEndpointUnavailableError)
      expect(explained).toMatchObject({
        code: 'UAMI_CRED_IDENTITY_ENDPOINT_UNAVAILABLE',
        status,
        endpoint: 'IDENTITY_ENDPOINT',
      })
      expect(explained.message).toContain(`answered HTTP ${status}`)
      expect(explained.message).toContain('not the problem')
      expect(explained.fix).toMatch(/Try again after a short wait/)
      expect(explained.message).not.toContain('secret-header')
    },
  )

  it('names IMDS on a VM', () => {
    expect(explainAuthError(answered(503), { env: {} })).toMatchObject({
      code: 'UAMI_CRED_IDENTITY_ENDPOINT_UNAVAILABLE',
      endpoint: 'IMDS at 169.254.169.254',
    })
  })

  it('keeps "Identity not found" (400) an attachment problem', () => {
    const notFound = new CredentialUnavailableError(IMDS_NOT_FOUND.message, {
      cause: Object.assign(new Error('invalid_request: Identity not found'), {
        name: 'ServerError',
        status: 400,
      }),
    })
    expect(explainAuthError(notFound, { env: {} })).toBeInstanceOf(IdentityNotAttachedError)
  })
})

describe('explainAuthError: other failures', () => {
  it('tells a developer to sign in when no credential is available', () => {
    const aggregate = new AggregateAuthenticationError(
      [
        new CredentialUnavailableError(
          'EnvironmentCredential is unavailable. No underlying credential could be used.',
        ),
        new CredentialUnavailableError(
          'Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions.',
        ),
      ],
      'ChainedTokenCredential authentication failed.',
    )
    const explained = explainAuthError(aggregate, { host: 'developer-machine', env: {} })
    expect(explained).toBeInstanceOf(NoCredentialAvailableError)
    expect(explained.fix).toContain('az login')
  })

  it('carries the AADSTS code and its advice', () => {
    const error = new AuthenticationError(401, {
      error: 'invalid_client',
      error_description: 'AADSTS7000215: Invalid client secret provided.',
    })
    const explained = explainAuthError(error, { env: {} })
    expect(explained).toBeInstanceOf(AuthenticationFailedError)
    expect(explained).toMatchObject({ aadstsCode: 'AADSTS7000215' })
    expect(explained.fix).toContain('az ad app credential reset')
  })

  it.each([[new Error('boom')], ['a string'], [null], [undefined], [42], [{ weird: true }]])(
    'never throws, and codes anything else (%o)',
    (error) => {
      const explained = explainAuthError(error, { env: {} })
      expect(explained).toBeInstanceOf(AuthenticationFailedError)
      expect(explained.code).toBe('UAMI_CRED_AUTHENTICATION_FAILED')
    },
  )

  it('returns an error that is already coded as it is', () => {
    const coded = new InvalidGuidError({
      variable: 'AZURE_CLIENT_ID',
      kind: 'clientId',
      value: 'x',
      reason: 'r',
    })
    expect(explainAuthError(coded)).toBe(coded)
  })

  it('survives a context that is not an object', () => {
    expect(explainAuthError(IMDS_NOT_FOUND, null as never)).toBeInstanceOf(IdentityNotAttachedError)
  })
})

describe('explainAuthError never leaks secrets', () => {
  const token = fakeJwt({ oid: ATTACHED.objectId, aud: 'https://appconfig.azure.com' })
  const identityHeader = 'IDENTITY-HEADER-VALUE-7c0ffee'
  const clientSecret = 'Cl1ent~Secret.Value_0123456789abcdefgh'
  const env = {
    IDENTITY_HEADER: identityHeader,
    AZURE_CLIENT_SECRET: clientSecret,
    IDENTITY_ENDPOINT: 'http://127.0.0.1:1/msi/token',
  }
  const leaky = `Request failed. Authorization: Bearer ${token}; X-IDENTITY-HEADER: ${identityHeader}; client_secret=${clientSecret}; header ${identityHeader}; token ${token}`

  const cases: Array<[string, unknown]> = [
    ['a plain error', new Error(leaky)],
    [
      'an AuthenticationError',
      new AuthenticationError(400, { error: 'invalid_request', error_description: `AADSTS90002: ${leaky}` }),
    ],
    ['an unavailable credential', new CredentialUnavailableError(leaky)],
    ['an identity-not-found answer', new CredentialUnavailableError(`Identity not found. ${leaky}`)],
    ['a network error', new CredentialUnavailableError(`Network unreachable. ${leaky}`)],
    ['a 403', restError(403, 'https://cfg-uami.azconfig.io/kv', leaky)],
    ['a 401', restError(401, 'https://cfg-uami.azconfig.io/kv', leaky)],
    ['a nested cause', new Error('outer', { cause: new Error(leaky) })],
  ]

  it.each(cases)('for %s', (_, error) => {
    const explained: UamiCredentialError = explainAuthError(error, {
      env,
      claims: { oid: ATTACHED.objectId },
    })
    const rendered = `${explained.message}\n${explained.fix}\n${JSON.stringify(explained)}\n${String(explained)}`
    expect(rendered).not.toContain(token)
    expect(rendered).not.toContain(identityHeader)
    expect(rendered).not.toContain(clientSecret)
    expect(rendered).not.toMatch(/Bearer (?!\[REDACTED\])/)
  })

  it('reads secrets to redact from process.env by default', () => {
    const saved = process.env.IDENTITY_HEADER
    process.env.IDENTITY_HEADER = identityHeader
    try {
      const explained = explainAuthError(new Error(`oops ${identityHeader}`))
      expect(explained.message).not.toContain(identityHeader)
      expect(explained.message).toContain('[REDACTED]')
    } finally {
      if (saved === undefined) delete process.env.IDENTITY_HEADER
      else process.env.IDENTITY_HEADER = saved
    }
  })
})
