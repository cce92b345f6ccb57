import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunningEmulator } from '@uami/emulator'
import { ARM_SCOPE, type ArmClients } from '@uami/provision'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TourArgs } from '../src/cli/args.js'
import { noPrompts } from '../src/engine/prompts.js'
import { isTourError } from '../src/errors/tour-error.js'
import type { ProgressData } from '../src/state/progress.js'
import { SHARED_STEPS, sampleSteps } from '../src/steps/index.js'
import { runTour, type TourOptions } from '../src/tour/run-tour.js'
import { throwawaySshPublicKey } from '../src/tour/ssh-key.js'
import type { TourTarget } from '../src/tour/target.js'
import { azureCredential, openAzureTarget } from '../src/tour/target-azure.js'
import { createTourUi } from '../src/ui/tour-ui.js'
import { developer, startTestEmulator } from './helpers/emulator.js'
import { MemoryOutput } from './helpers/memory-output.js'
import { ScriptedPrompts } from './helpers/scripted-prompts.js'

const ARGS: TourArgs = {
  command: 'tour',
  target: 'azure',
  subscription: undefined,
  location: undefined,
  sample: undefined,
  scenario: undefined,
  yes: false,
  cleanup: false,
  fresh: false,
  dir: undefined,
  sshPublicKey: undefined,
}

let emulator: RunningEmulator
let clients: ArmClients
let work: string

beforeAll(async () => {
  emulator = await startTestEmulator()
  clients = developer(emulator).clients
  work = await mkdtemp(join(tmpdir(), 'uami-azure-'))
})

afterAll(async () => {
  await emulator?.stop()
  await rm(work, { recursive: true, force: true })
})

/**
 * An Azure target whose ARM is the emulator: the tour's Azure code path (confirmation, names with a suffix, no
 * local sample process, verify through ARM) with the very same provision calls, without a subscription.
 */
function emulatedAzure(): TourTarget {
  const dev = developer(emulator)
  return {
    kind: 'azure',
    key: `azure:${emulator.subscriptionId}`,
    subscriptionId: emulator.subscriptionId,
    clients: dev.clients,
    credential: dev.credential,
    credentialNote: 'the emulator developer, standing in for your az login',
    emulator: undefined,
    prerequisites: 'create',
    sshPublicKey: throwawaySshPublicKey(),
    describe: `Azure subscription ${emulator.subscriptionId} (emulated)`,
    stop: async () => {},
  }
}

async function resourceGroups(): Promise<string[]> {
  const names: string[] = []
  for await (const group of clients.resources.resourceGroups.list()) names.push(group.name ?? '')
  return names
}

function options(
  dir: string,
  overrides: Partial<Omit<TourOptions, 'args'>> & { args?: Partial<TourArgs> } = {},
) {
  const output = new MemoryOutput()
  const { args, ...rest } = overrides
  return {
    output,
    options: {
      args: { ...ARGS, ...args },
      ui: createTourUi(output, 'plain'),
      prompts: noPrompts,
      interactive: false,
      canAsk: false,
      signal: new AbortController().signal,
      cwd: dir,
      env: {},
      openTarget: async () => emulatedAzure(),
      ...rest,
    } satisfies TourOptions,
  }
}

describe('the tour against Azure (--azure), without a subscription', () => {
  it('runs the same steps as against the emulator (one list of steps, the doctor step only locally)', () => {
    const local = sampleSteps('local')
    const azure = sampleSteps('azure')
    expect(azure).toEqual(local.slice(0, -1))
    expect(local.at(-1)?.id).toBe('doctor')
    expect(SHARED_STEPS.map((step) => step.id)).toEqual(['sign-in', 'app-configuration'])
  })

  it('signs in with DefaultAzureCredential restricted by AZURE_TOKEN_CREDENTIALS, and with AzureCliCredential otherwise', async () => {
    expect(azureCredential({}).kind).toBe('AzureCliCredential')
    vi.stubEnv('AZURE_TOKEN_CREDENTIALS', 'AzureCliCredential')
    vi.stubEnv('PATH', join(work, 'no-az-here'))
    const choice = azureCredential(process.env)
    expect(choice.kind).toBe('DefaultAzureCredential')
    expect(choice.note).toContain('AZURE_TOKEN_CREDENTIALS=AzureCliCredential')
    // Restricted to the Azure CLI, which is not on PATH: it fails without trying managed identity or any network.
    await expect(choice.credential.getToken(ARM_SCOPE)).rejects.toThrow(/Azure CLI/i)
  })

  it('needs a subscription and targets Azure Resource Manager itself', () => {
    let missing: unknown
    try {
      openAzureTarget({ subscription: undefined, env: {} })
    } catch (error) {
      missing = error
    }
    expect(isTourError(missing, 'UAMI_TOUR_SUBSCRIPTION_REQUIRED')).toBe(true)
    const target = openAzureTarget({
      subscription: '11111111-2222-3333-4444-555555555555',
      env: {},
      home: work,
    })
    expect(target).toMatchObject({
      kind: 'azure',
      key: 'azure:11111111-2222-3333-4444-555555555555',
      prerequisites: 'create',
    })
    expect(target.clients.endpoint).toBeUndefined()
    const fromEnv = openAzureTarget({
      subscription: undefined,
      env: { AZURE_SUBSCRIPTION_ID: '11111111-2222-3333-4444-555555555555' },
      home: work,
    })
    expect(fromEnv.subscriptionId).toBe('11111111-2222-3333-4444-555555555555')
  })

  it('refuses to create anything without a terminal unless --yes is given', async () => {
    const { options: opts, output } = options(join(work, 'refuse'))
    const error = await runTour(opts).catch((caught: unknown) => caught)
    expect(isTourError(error, 'UAMI_TOUR_CONFIRMATION_REQUIRED')).toBe(true)
    expect((error as { exitCode: number }).exitCode).toBe(2)
    expect(output.text).toContain('may cost money')
    expect(output.text).toMatch(/resource group rg-uami-[0-9a-f]{6}/)
    expect(await resourceGroups()).toEqual([])
  })

  it('creates nothing when you decline in a terminal', async () => {
    const prompts = new ScriptedPrompts(['walk', 'app-service', false])
    const { options: opts } = options(join(work, 'decline'), { prompts, interactive: true, canAsk: true })
    const error = await runTour(opts).catch((caught: unknown) => caught)
    expect(isTourError(error, 'UAMI_TOUR_DECLINED')).toBe(true)
    expect(prompts.asked.at(-1)).toBe('Create these resources?')
    expect(await resourceGroups()).toEqual([])
  })

  it('with --yes, creates and verifies through ARM, and --cleanup removes exactly what it created', async () => {
    const dir = join(work, 'yes')
    const { options: opts, output } = options(dir, { args: { yes: true } })
    const result = await runTour(opts)
    expect(result.ok, output.text).toBe(true)
    expect(result.rows.map((row) => [row.sample, row.verified])).toEqual([
      ['app-service', true],
      ['container-apps', true],
      ['vm', true],
    ])
    expect(output.text).toContain(
      'ARM: identity attached, Data Reader assigned. Deploy the sample (cd samples/app-service && azd up)',
    )
    const [group] = await resourceGroups()
    expect(group).toMatch(/^rg-uami-[0-9a-f]{6}$/)
    const progress = JSON.parse(await readFile(join(dir, '.uami', 'tour.json'), 'utf8')) as ProgressData
    expect(progress.runs[`azure:${emulator.subscriptionId}`]?.created[0]).toMatchObject({
      type: 'resource-group',
    })

    const refused = await runTour(options(dir, { args: { cleanup: true } }).options).catch(
      (caught: unknown) => caught,
    )
    expect(isTourError(refused, 'UAMI_TOUR_CONFIRMATION_REQUIRED')).toBe(true)
    expect(await resourceGroups()).toEqual([group])

    await runTour(options(dir, { args: { cleanup: true, yes: true } }).options)
    expect(await resourceGroups()).toEqual([])
    const after = JSON.parse(await readFile(join(dir, '.uami', 'tour.json'), 'utf8')) as ProgressData
    expect(after.runs[`azure:${emulator.subscriptionId}`]).toBeUndefined()
  }, 120_000)
})
