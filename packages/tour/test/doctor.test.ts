import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunningEmulator } from '@uami/emulator'
import {
  type AppConfigurationStoreFacts,
  type ArmClients,
  attachIdentity,
  ensureAppConfigurationStore,
  ensureHost,
  ensureResourceGroup,
  ensureRoleAssignment,
  ensureUserAssignedIdentity,
  getSignedInPrincipal,
  type HostKind,
  seedSettings,
  type UserAssignedIdentityFacts,
} from '@uami/provision'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DoctorReport } from '../src/doctor/report.js'
import { freePort } from '../src/samples/free-port.js'
import { writeDoctorFacts } from '../src/tour/doctor-facts.js'
import type { TourRun } from '../src/tour/run-context.js'
import { throwawaySshPublicKey } from '../src/tour/ssh-key.js'
import { runCli } from './helpers/cli.js'
import { developer, startTestEmulator } from './helpers/emulator.js'

const RG = 'rg-doctor'
const VARIABLE: Record<HostKind, string> = {
  'app-service': 'AZURE_CLIENT_ID',
  'container-apps': 'AZURE_MANAGED_IDENTITY_RESOURCE_ID',
  vm: 'AZURE_MANAGED_IDENTITY_OBJECT_ID',
}

let emulator: RunningEmulator
let clients: ArmClients
let store: AppConfigurationStoreFacts
let work: string

beforeAll(async () => {
  emulator = await startTestEmulator()
  const dev = developer(emulator)
  clients = dev.clients
  work = await mkdtemp(join(tmpdir(), 'uami-doctor-'))
  await ensureResourceGroup(clients, { name: RG, location: 'swedencentral' })
  store = await ensureAppConfigurationStore(clients, { resourceGroup: RG, name: 'appcs-doctor' })
  const me = await getSignedInPrincipal(dev.credential)
  await ensureRoleAssignment(clients, {
    scope: store.id,
    principalId: me.objectId,
    principalType: me.principalType,
    role: 'App Configuration Data Owner',
  })
  await seedSettings(
    { endpoint: store.endpoint, credential: dev.credential },
    { 'Settings:Message': 'hello' },
    { sentinelKey: 'Settings:Sentinel' },
  )
})

afterAll(async () => {
  await emulator?.stop()
  await rm(work, { recursive: true, force: true })
})

interface Setup {
  identity: UserAssignedIdentityFacts
  hostName: string
  /** The host's environment plus the deployment's variables (identifier override optional). */
  env(overrides?: Record<string, string>): Record<string, string>
}

/** A host with its own identity, set up through the same provision functions the tour uses. */
async function setup(
  kind: HostKind,
  name: string,
  options: { attach?: boolean; role?: boolean } = {},
): Promise<Setup> {
  const identity = await ensureUserAssignedIdentity(clients, { resourceGroup: RG, name: `id-${name}` })
  const base = { resourceGroup: RG, name, prerequisites: 'create' as const }
  const host = await ensureHost(
    clients,
    kind === 'vm' ? { kind, ...base, sshPublicKey: throwawaySshPublicKey() } : { kind, ...base },
  )
  if (options.attach !== false) await attachIdentity(clients, host, identity.id)
  if (options.role !== false) {
    await ensureRoleAssignment(clients, { scope: store.id, principalId: identity.principalId })
  }
  const value =
    kind === 'app-service'
      ? identity.clientId
      : kind === 'container-apps'
        ? identity.id
        : identity.principalId
  return {
    identity,
    hostName: name,
    env: (overrides = {}) => ({
      ...emulator.hostEnv(host.id),
      [VARIABLE[kind]]: value,
      APP_CONFIG_ENDPOINT: store.endpoint,
      ...(kind === 'vm' ? { AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential' } : {}),
      ...overrides,
    }),
  }
}

/** What the tour writes for `--facts`: identities, the store and its role assignments, read through ARM. */
async function facts(): Promise<string> {
  const run = {
    target: { clients, emulator },
    names: { resourceGroup: RG },
    store,
    dir: work,
  } as unknown as TourRun
  return writeDoctorFacts(run)
}

/** Runs `uami doctor` twice in the host's environment — `--json` and text — and returns both. */
async function doctor(env: Record<string, string>, args: string[] = []) {
  const json = await runCli(['doctor', '--json', ...args], { cwd: work, env })
  const text = await runCli(['doctor', ...args], { cwd: work, env })
  for (const output of [json.stdout, text.stdout, json.stderr, text.stderr]) {
    expect(output).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./)
    if (env.IDENTITY_HEADER) expect(output).not.toContain(env.IDENTITY_HEADER)
  }
  return {
    report: JSON.parse(json.stdout) as DoctorReport,
    exitCode: json.exitCode,
    text: text.stdout,
    textExitCode: text.exitCode,
  }
}

describe('uami doctor', () => {
  it('passes every check on a correctly set-up App Service host and exits 0', async () => {
    const sample = await setup('app-service', 'app-ok')
    const { report, exitCode, text, textExitCode } = await doctor(sample.env())
    expect(report.ok).toBe(true)
    expect(exitCode).toBe(0)
    expect(textExitCode).toBe(0)
    expect(report.checks.map((check) => [check.id, check.status])).toEqual([
      ['managed-identity-source', 'pass'],
      ['identifier', 'pass'],
      ['token', 'pass'],
      ['claims', 'pass'],
      ['app-configuration', 'pass'],
    ])
    expect(report.claims).toMatchObject({ oid: sample.identity.principalId, appid: sample.identity.clientId })
    expect(report.managedIdentitySource).toBe('AppService')
    expect(report.credential).toBe('ManagedIdentityCredential')
    expect(text).toContain('✔ Token for App Configuration')
    expect(text).toContain('All checks passed.')
  })

  it('diagnoses an identity that is not attached and names az containerapp identity assign --user-assigned', async () => {
    const sample = await setup('container-apps', 'ca-na', { attach: false })
    const { report, exitCode, text } = await doctor(sample.env(), [
      '--resource-group',
      RG,
      '--host-name',
      'ca-na',
      '--facts',
      await facts(),
    ])
    expect(exitCode).toBe(1)
    expect(report.diagnosis).toMatchObject({
      check: 'token',
      diagnosis: 'not-attached',
      code: 'UAMI_CRED_IDENTITY_NOT_ATTACHED',
    })
    const fix = `az containerapp identity assign --resource-group ${RG} --name ca-na --user-assigned ${sample.identity.id}`
    expect(report.diagnosis?.fix).toContain(fix)
    expect(report.checks.slice(3).map((check) => check.status)).toEqual(['skip', 'skip'])
    expect(text).toContain('✖ Token for App Configuration')
    expect(text).toContain(fix)
  })

  it('diagnoses a missing App Configuration Data Reader role with the --assignee-object-id command', async () => {
    const sample = await setup('vm', 'vm-norole', { role: false })
    const { report, exitCode, text } = await doctor(sample.env(), [
      '--store-id',
      store.id,
      '--facts',
      await facts(),
    ])
    expect(exitCode).toBe(1)
    expect(report.diagnosis).toMatchObject({
      check: 'app-configuration',
      diagnosis: 'no-role',
      code: 'UAMI_CRED_FORBIDDEN',
    })
    const fix = `az role assignment create --assignee-object-id ${sample.identity.principalId} --assignee-principal-type ServicePrincipal --role "App Configuration Data Reader" --scope ${store.id}`
    // ARM lists no role (the facts say so): assign it — no "wait", which is the advice for propagating only.
    expect(report.diagnosis?.fix?.split('\n')).toEqual(['Assign the role; the app retries on its own:', fix])
    expect(report.checks.at(-1)?.summary).toContain('ARM lists no App Configuration data role')
    expect(report.checks.at(-1)?.summary).not.toContain('az role assignment')
    expect(text).toContain(fix)
    expect(text).not.toMatch(/\bwait\b/i)
  })

  it('tells a principal ID given as the client ID from a missing attachment when it knows the identities', async () => {
    const sample = await setup('app-service', 'app-wrongkind')
    const env = sample.env({ AZURE_CLIENT_ID: sample.identity.principalId })
    const { report, exitCode, text } = await doctor(env, [
      '--resource-group',
      RG,
      '--host-name',
      'app-wrongkind',
      '--facts',
      await facts(),
    ])
    expect(exitCode).toBe(1)
    expect(report.diagnosis).toMatchObject({
      check: 'token',
      diagnosis: 'wrong-kind',
      code: 'UAMI_DOCTOR_WRONG_IDENTIFIER_KIND',
    })
    const token = report.checks.find((check) => check.id === 'token')
    expect(token?.summary).toContain(
      'is the principal (object) ID of identity id-app-wrongkind, not its client ID',
    )
    const fix = `az webapp config appsettings set --resource-group ${RG} --name app-wrongkind --settings AZURE_CLIENT_ID=${sample.identity.clientId}`
    expect(report.diagnosis?.fix).toContain(fix)
    expect(text).toContain(fix)

    const blind = await doctor(env)
    expect(blind.report.diagnosis?.diagnosis).toBe('not-attached')
    expect(blind.report.checks.find((check) => check.id === 'token')?.hint).toContain(
      'not its principal/object ID',
    )
  })

  it('diagnoses a role assignment that is still propagating when ARM lists it, and a missing role when it cannot know', async () => {
    emulator.settings.propagationDelayMs = 10 * 60_000
    try {
      const sample = await setup('app-service', 'app-propagating')
      const { report, exitCode, text } = await doctor(sample.env(), ['--facts', await facts()])
      expect(exitCode).toBe(1)
      expect(report.diagnosis).toMatchObject({
        check: 'app-configuration',
        diagnosis: 'propagating',
        code: 'UAMI_DOCTOR_ROLE_PROPAGATING',
      })
      expect(report.diagnosis?.fix).toContain('Wait, then retry: nothing needs changing')
      expect(report.diagnosis?.fix).not.toContain('az role assignment create')
      expect(text).toContain('still propagating')
      expect(text).toContain('App Configuration Data Reader')

      // Without the facts a 403 cannot be told apart: the list command decides between assigning and waiting.
      const blind = await doctor(sample.env())
      expect(blind.report.diagnosis?.diagnosis).toBe('no-role')
      expect(blind.report.diagnosis?.fix).toContain('az role assignment list')
      expect(blind.report.diagnosis?.fix).toContain('If it is listed, it was assigned recently')
    } finally {
      emulator.settings.propagationDelayMs = 0
    }
  })

  it('diagnoses an unreachable App Configuration endpoint', async () => {
    const sample = await setup('app-service', 'app-unreachable')
    const closed = await freePort()
    const { report, exitCode, text } = await doctor(
      sample.env({ APP_CONFIG_ENDPOINT: `https://127.0.0.1:${closed}` }),
    )
    expect(exitCode).toBe(1)
    expect(report.checks.slice(0, 4).every((check) => check.status === 'pass')).toBe(true)
    expect(report.diagnosis).toMatchObject({
      check: 'app-configuration',
      diagnosis: 'unreachable',
      code: 'UAMI_CRED_ENDPOINT_UNREACHABLE',
    })
    expect(report.diagnosis?.fix).toContain('az appconfig show')
    expect(text).toContain('✖ App Configuration reachable and authorized')
  })

  it('diagnoses a malformed identifier before asking for a token', async () => {
    const sample = await setup('app-service', 'app-malformed')
    const { report, exitCode, text } = await doctor(sample.env({ AZURE_CLIENT_ID: 'not-a-guid-1234' }))
    expect(exitCode).toBe(1)
    expect(report.diagnosis).toMatchObject({
      check: 'identifier',
      diagnosis: 'malformed-identifier',
      code: 'UAMI_CRED_INVALID_GUID',
    })
    expect(report.diagnosis?.fix).toBeTruthy()
    expect(report.checks.map((check) => check.status)).toEqual(['pass', 'fail', 'skip', 'skip', 'skip'])
    expect(report.identity).toBeNull()
    expect(text).toContain('✖ Identifier variable')
    expect(text).toContain('AZURE_CLIENT_ID')
  })

  it('diagnoses an App Service host without an identity endpoint (no identity enabled)', async () => {
    const sample = await setup('app-service', 'app-noendpoint', { attach: false })
    const { IDENTITY_ENDPOINT: _endpoint, IDENTITY_HEADER: _header, ...env } = sample.env()
    const { report, exitCode } = await doctor(env)
    expect(exitCode).toBe(1)
    expect(report.diagnosis).toMatchObject({
      check: 'managed-identity-source',
      diagnosis: 'no-identity-endpoint',
    })
    expect(report.diagnosis?.fix).toContain(
      `az webapp identity assign --resource-group ${RG} --name app-noendpoint --identities`,
    )
  })
})
