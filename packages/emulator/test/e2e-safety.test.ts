import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { AppConfigurationClient } from '@azure/app-configuration'
import { AppConfigurationManagementClient } from '@azure/arm-appconfiguration'
import { WebSiteManagementClient } from '@azure/arm-appservice'
import { AuthorizationManagementClient } from '@azure/arm-authorization'
import { ManagedServiceIdentityClient } from '@azure/arm-msi'
import { ResourceManagementClient } from '@azure/arm-resources'
import { type AccessToken, ClientSecretCredential, type TokenCredential } from '@azure/identity'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_CONFIGURATION_DATA_OWNER } from '../src/index.ts'
import { type CliEmulator, type ReadyInfo, runCli, startCliEmulator } from './helpers/cli.ts'
import { trustLocalCa } from './helpers/emulator.ts'

/** Listening TCP sockets on `port` from /proc/net/tcp{,6}: their local addresses in hex. */
async function listeners(port: number): Promise<{ v4: string[]; v6: string[] }> {
  const read = async (file: string) => {
    const text = await readFile(file, 'utf8').catch(() => '')
    return text
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[3] === '0A' && Number.parseInt(fields[1]?.split(':')[1] ?? '', 16) === port)
      .map((fields) => fields[1]?.split(':')[0] ?? '')
  }
  return { v4: await read('/proc/net/tcp'), v6: await read('/proc/net/tcp6') }
}

/** Keeps every token a credential hands out, so the test can look for them where they must not be. */
function capturing(inner: TokenCredential, seen: string[]): TokenCredential {
  return {
    async getToken(scopes, options) {
      const token = (await inner.getToken(scopes, options)) as AccessToken
      seen.push(token.token)
      return token
    },
  }
}

describe('emulator safety, run as the CLI', () => {
  let root: string
  let cli: CliEmulator & { info: ReadyInfo }
  let storeEndpoint: string
  let siteId: string
  let debugLog: string
  let identityId: string
  /** Every token handed out during the test. */
  const tokens: string[] = []

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'uami-safety-'))
    debugLog = join(root, 'debug.log')
    cli = await startCliEmulator(['--state', join(root, 'state'), '--debug', debugLog])
    trustLocalCa(cli.info.caCertPath)
    // Resources come from the real ARM clients, so ARM's bearer tokens pass through the log too.
    const { info } = cli
    const credential = capturing(
      new ClientSecretCredential(info.tenantId, info.developer.clientId, info.developer.clientSecret, {
        authorityHost: info.authorityHost,
        disableInstanceDiscovery: true,
      }),
      tokens,
    )
    const options = { endpoint: info.armEndpoint }
    const sub = info.subscriptionId
    await new ResourceManagementClient(credential, sub, options).resourceGroups.createOrUpdate('rg-safe', {
      location: 'eastus',
    })
    const identity = await new ManagedServiceIdentityClient(
      credential,
      sub,
      options,
    ).userAssignedIdentities.createOrUpdate('rg-safe', 'id-safe', { location: 'eastus' })
    identityId = identity.id ?? ''
    const site = await new WebSiteManagementClient(
      credential,
      sub,
      options,
    ).webApps.beginCreateOrUpdateAndWait(
      'rg-safe',
      'web-safe',
      {
        location: 'eastus',
        identity: { type: 'UserAssigned', userAssignedIdentities: { [identityId]: {} } },
      },
      { updateIntervalInMs: 10 },
    )
    siteId = site.id ?? ''
    const store = await new AppConfigurationManagementClient(
      credential,
      sub,
      options,
    ).configurationStores.beginCreateAndWait(
      'rg-safe',
      'store-safe',
      { location: 'eastus', sku: { name: 'standard' } },
      { updateIntervalInMs: 10 },
    )
    storeEndpoint = store.endpoint ?? ''
    await new AuthorizationManagementClient(credential, sub, options).roleAssignments.create(
      store.id ?? '',
      randomUUID(),
      {
        roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${APP_CONFIGURATION_DATA_OWNER}`,
        principalId: info.developer.objectId,
        principalType: 'ServicePrincipal',
      },
    )
  })
  afterAll(async () => {
    await cli?.stop()
    await rm(root, { recursive: true, force: true })
  })

  it('listens on 127.0.0.1 only: ARM, the identity endpoints and every store', async () => {
    const ports = [cli.info.armEndpoint, cli.info.identityEndpoint, storeEndpoint].map((url) =>
      Number(new URL(url).port),
    )
    for (const port of ports) {
      const found = await listeners(port)
      expect(found.v4, `port ${port}`).toEqual(['0100007F'])
      expect(found.v6, `port ${port}`).toEqual([])
    }
  })

  it('never writes a token, the client secret or the identity header to the debug log or stderr', async () => {
    const developer = capturing(
      new ClientSecretCredential(
        cli.info.tenantId,
        cli.info.developer.clientId,
        cli.info.developer.clientSecret,
        {
          authorityHost: cli.info.authorityHost,
          disableInstanceDiscovery: true,
        },
      ),
      tokens,
    )
    // Entra (client secret in the form body), ARM-audience token, App Configuration (bearer header).
    await developer.getToken('https://management.azure.com/.default')
    const client = new AppConfigurationClient(storeEndpoint, developer)
    await client.setConfigurationSetting({ key: 'safe/key', value: 'v' })
    await client.getConfigurationSetting({ key: 'safe/key' })

    // The managed identity endpoint, with the host's header as `uami-emulator env` prints it.
    const printed = await runCli(['env', siteId, '--state', cli.info.stateDir])
    const env = parseEnv(printed.stdout) as Record<string, string>
    const header = env.IDENTITY_HEADER ?? ''
    expect(header.length).toBeGreaterThan(16)
    const identity = await fetch(
      `${env.IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=https%3A%2F%2Fappconfig.azure.com&mi_res_id=${encodeURIComponent('/subscriptions/x')}`,
      { headers: { 'x-identity-header': header } },
    )
    expect(identity.status).toBe(400)
    const ok = await fetch(
      `${env.IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=https%3A%2F%2Fappconfig.azure.com&mi_res_id=${encodeURIComponent(identityId)}`,
      { headers: { 'x-identity-header': header } },
    )
    tokens.push(((await ok.json()) as { access_token: string }).access_token)
    // A secret sent where it does not belong (a query string) is redacted too.
    await fetch(
      `${cli.info.authorityHost}/${cli.info.tenantId}/oauth2/v2.0/token?client_secret=${cli.info.developer.clientSecret}`,
      {
        method: 'POST',
      },
    )

    await cli.stop()
    const log = await readFile(debugLog, 'utf8')
    expect(log).toContain('/msi/token')
    expect(log).toContain('/kv/safe')
    expect(log).toContain('[REDACTED]')
    const secrets = [cli.info.developer.clientSecret, header, ...tokens]
    expect(tokens.length).toBeGreaterThanOrEqual(3)
    for (const secret of secrets) {
      expect(log.includes(secret)).toBe(false)
      expect(cli.stderr().includes(secret)).toBe(false)
    }
    // The ready line carries the developer secret by contract; nothing after it may.
    expect(cli.stdout().trim().split('\n')).toHaveLength(1)
  })
})
