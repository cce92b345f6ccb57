import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { AppConfigurationClient } from '@azure/app-configuration'
import { AppConfigurationManagementClient } from '@azure/arm-appconfiguration'
import { ContainerAppsAPIClient } from '@azure/arm-appcontainers'
import { AuthorizationManagementClient } from '@azure/arm-authorization'
import { ManagedServiceIdentityClient } from '@azure/arm-msi'
import { ResourceManagementClient } from '@azure/arm-resources'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APP_CONFIGURATION_DATA_OWNER,
  APP_CONFIGURATION_DATA_READER,
  type RunningEmulator,
} from '../src/index.ts'
import { injectFaults } from './fixtures/readme/faults.ts'
import { fixture, packageDir, runNodeJson } from './helpers/child.ts'
import { developerCredential, startTestEmulator } from './helpers/emulator.ts'

const execFileAsync = promisify(execFile)

/** `<!-- snippet: path#region -->` followed by a fenced block: the README's code must be the tested code. */
async function readmeSnippets(): Promise<Array<{ file: string; region: string; code: string }>> {
  const readme = await readFile(join(packageDir, 'README.md'), 'utf8')
  const pattern = /<!-- snippet: ([^#\s]+)#(\S+) -->\n```\w*\n([\s\S]*?)```/g
  return [...readme.matchAll(pattern)].map((m) => ({
    file: m[1] ?? '',
    region: m[2] ?? '',
    code: m[3] ?? '',
  }))
}

/** The lines between `// #region name` and `// #endregion`, without their common indentation. */
async function region(file: string, name: string): Promise<string> {
  const lines = (await readFile(join(packageDir, file), 'utf8')).split('\n')
  const start = lines.findIndex((line) => line.trim() === `// #region ${name}`)
  const end = lines.findIndex((line, i) => i > start && line.trim().startsWith('// #endregion'))
  if (start < 0 || end < 0) throw new Error(`${file} has no region '${name}'`)
  const body = lines.slice(start + 1, end)
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length))
  return `${body.map((l) => l.slice(indent)).join('\n')}\n`
}

describe('README', () => {
  it('shows only code that the tests below run, verbatim', async () => {
    const snippets = await readmeSnippets()
    expect(snippets.map((s) => `${s.file}#${s.region}`)).toEqual([
      'test/fixtures/readme/quick-start.mjs#quick-start',
      'test/fixtures/readme/app.mjs#app',
      'test/fixtures/readme/faults.ts#faults',
    ])
    for (const snippet of snippets) {
      expect(snippet.code, `${snippet.file}#${snippet.region}`).toBe(
        await region(snippet.file, snippet.region),
      )
    }
  })

  it('quick start: creates a web app with an identity through ARM and gets its environment', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'uami-readme-'))
    try {
      const { stdout } = await execFileAsync(
        process.execPath,
        [join(packageDir, 'test/fixtures/readme/quick-start.mjs')],
        {
          cwd,
          env: { PATH: process.env.PATH ?? '' },
          timeout: 60_000,
        },
      )
      const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as {
        siteId: string
        envNames: string[]
      }
      expect(result.siteId).toMatch(/\/resourceGroups\/rg-demo\/providers\/Microsoft\.Web\/sites\/web-demo$/)
      expect(result.envNames).toEqual(
        expect.arrayContaining([
          'IDENTITY_ENDPOINT',
          'IDENTITY_HEADER',
          'WEBSITE_SITE_NAME',
          'NODE_EXTRA_CA_CERTS',
        ]),
      )
      expect((await stat(join(cwd, '.uami', 'emulator', 'state.json'))).isFile()).toBe(true)
    } finally {
      await rm(cwd, { recursive: true, force: true })
    }
  })

  describe('with a container app, an identity and a store', () => {
    let emulator: RunningEmulator
    let appId: string
    let clientId: string
    let endpoint: string

    beforeAll(async () => {
      emulator = await startTestEmulator()
      const credential = developerCredential(emulator)
      const sub = emulator.subscriptionId
      const arm = { endpoint: emulator.armEndpoint }
      const role = (id: string) =>
        `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${id}`
      await new ResourceManagementClient(credential, sub, arm).resourceGroups.createOrUpdate('rg-readme', {
        location: 'eastus',
      })
      const identity = await new ManagedServiceIdentityClient(
        credential,
        sub,
        arm,
      ).userAssignedIdentities.createOrUpdate('rg-readme', 'id-readme', { location: 'eastus' })
      clientId = identity.clientId ?? ''
      const app = await new ContainerAppsAPIClient(
        credential,
        sub,
        arm,
      ).containerApps.beginCreateOrUpdateAndWait(
        'rg-readme',
        'ca-readme',
        {
          location: 'eastus',
          identity: { type: 'UserAssigned', userAssignedIdentities: { [identity.id ?? '']: {} } },
        },
        { updateIntervalInMs: 10 },
      )
      appId = app.id ?? ''
      const store = await new AppConfigurationManagementClient(
        credential,
        sub,
        arm,
      ).configurationStores.beginCreateAndWait(
        'rg-readme',
        'store-readme',
        { location: 'eastus', sku: { name: 'standard' } },
        { updateIntervalInMs: 10 },
      )
      endpoint = store.endpoint ?? ''
      const authorization = new AuthorizationManagementClient(credential, sub, arm)
      for (const [roleId, principalId] of [
        [APP_CONFIGURATION_DATA_OWNER, emulator.developer.objectId],
        [APP_CONFIGURATION_DATA_READER, identity.principalId ?? ''],
      ] as const) {
        await authorization.roleAssignments.create(store.id ?? '', randomUUID(), {
          roleDefinitionId: role(roleId),
          principalId,
          principalType: 'ServicePrincipal',
        })
      }
      const settings = new AppConfigurationClient(endpoint, credential)
      await settings.setConfigurationSetting({ key: 'greeting', value: 'hello' })
      await settings.setConfigurationSetting({ key: 'colour', value: 'teal' })
    })
    afterAll(() => emulator.stop())

    it('the app loads every setting with the provider, through the identity attached to its host', async () => {
      const settings = await runNodeJson<Record<string, string>>(fixture('readme/app.mjs'), [], {
        ...emulator.hostEnv(appId),
        AZURE_CLIENT_ID: clientId,
        APP_CONFIG_ENDPOINT: endpoint,
      })
      expect(settings).toEqual({ greeting: 'hello', colour: 'teal' })
    })

    it('faults: a client retries past the injected 503 and the counters show both requests', async () => {
      emulator.counters.reset()
      const counters = injectFaults(emulator)
      try {
        const result = await runNodeJson<{ ok: boolean }>(
          fixture('mi-token.mjs'),
          [JSON.stringify({ clientId })],
          emulator.hostEnv(appId),
        )
        expect(result.ok).toBe(true)
        expect(counters()['msi:token']).toBe(2)
      } finally {
        emulator.faults.clear()
      }
    })
  })
})
