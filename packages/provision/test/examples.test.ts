import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { provisionErrorCatalogue } from '../src/index.ts'
import { startTestBed, type TestBed } from './helpers/emulator.ts'
import { runNode } from './helpers/run-node.ts'

// The README's snippets are the files in examples/. They run here with the built package, in a child process,
// against the local emulator.

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

describe('README', () => {
  it('shows the files in examples/ verbatim', () => {
    const snippets = [...readme.matchAll(/<!-- snippet: (\S+) -->\n+```ts\n([\s\S]*?)```/g)]
    expect(snippets.map((match) => match[1])).toEqual([
      'examples/provision-sample.ts',
      'examples/step-by-step.ts',
    ])
    for (const [, file, code] of snippets) {
      expect(code, file).toBe(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'))
    }
  })

  it('lists every error code with its meaning and fix', () => {
    for (const entry of provisionErrorCatalogue) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${entry.code}\``))
      expect(row, entry.code).toBeDefined()
      expect(row).toContain(entry.name)
    }
  })
})

describe('examples', () => {
  let bed: TestBed
  let env: Record<string, string>
  beforeAll(async () => {
    bed = await startTestBed()
    const { emulator } = bed
    env = {
      UAMI_ARM_ENDPOINT: emulator.armEndpoint,
      AZURE_AUTHORITY_HOST: emulator.authorityHost,
      AZURE_TENANT_ID: emulator.tenantId,
      AZURE_CLIENT_ID: emulator.developer.clientId,
      AZURE_CLIENT_SECRET: emulator.developer.clientSecret,
      AZURE_SUBSCRIPTION_ID: emulator.subscriptionId,
      NODE_EXTRA_CA_CERTS: emulator.caCertPath,
    }
  })
  afterAll(async () => {
    await bed?.emulator.stop()
  })

  it('provision-sample.ts sets up the Container Apps sample and prints its environment, then reuses it', async () => {
    const first = await runNode('examples/provision-sample.ts', env)
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const lines = first.stdout.trim().split('\n')
    expect(lines.slice(0, -1).map((line) => line.split(':')[0])).toEqual([
      'resource-group',
      'store',
      'seed-access',
      'identity',
      'host',
      'attach',
      'role-assignment',
      'settings',
    ])
    expect(first.stdout).toContain('(created)')
    const sampleEnv = JSON.parse(lines.at(-1) ?? '{}') as Record<string, string>
    expect(sampleEnv.APP_CONFIG_ENDPOINT).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(sampleEnv.AZURE_MANAGED_IDENTITY_RESOURCE_ID).toMatch(/userAssignedIdentities\/id-uami-ca$/i)

    const second = await runNode('examples/provision-sample.ts', env)
    expect(second.code).toBe(0)
    expect(second.stdout).not.toContain('(created)')
    expect(second.stdout).toContain('attach: ')
    expect(second.stdout).toContain('(already attached)')
    expect(second.stdout.trim().split('\n').at(-1)).toBe(lines.at(-1))
  })

  it('step-by-step.ts prints each az command and the verification of each step', async () => {
    const run = await runNode('examples/step-by-step.ts', env)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('$ az identity create -g rg-uami -n id-uami-vm\n')
    expect(run.stdout).toContain('$ az vm identity assign -g rg-uami -n vm-uami --identities /subscriptions/')
    expect(run.stdout).toContain('verified: vm-uami has 1 user-assigned identity')
    expect(run.stdout).toContain(
      '--assignee-principal-type ServicePrincipal --role "App Configuration Data Reader"',
    )
    expect(run.stdout).toContain('verified: 1 role assignment on the store')
  })

  it('step-by-step.ts stops with the coded error and its fix when a step fails', async () => {
    const run = await runNode('examples/step-by-step.ts', { ...env, SSH_PUBLIC_KEY: 'my-private-key' })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^UAMI_PROVISION_INVALID_OPTION: Option "sshPublicKey" is invalid/)
    expect(run.stderr).toContain('never the private key')
    expect(run.stderr).not.toContain('my-private-key')
  })
})
