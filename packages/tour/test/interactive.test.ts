import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TourArgs } from '../src/cli/args.js'
import { isTourError } from '../src/errors/tour-error.js'
import type { ProgressData } from '../src/state/progress.js'
import { runTour } from '../src/tour/run-tour.js'
import { createTourUi } from '../src/ui/tour-ui.js'
import { MemoryOutput } from './helpers/memory-output.js'
import { type ScriptedAnswer, ScriptedPrompts } from './helpers/scripted-prompts.js'

const ARGS: TourArgs = {
  command: 'tour',
  target: 'local',
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

let work: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'uami-interactive-'))
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

/** Runs the tour in this process as a terminal would, answering from a script. */
async function tour(dir: string, answers: readonly ScriptedAnswer[]) {
  const output = new MemoryOutput()
  const prompts = new ScriptedPrompts(answers)
  const run = runTour({
    args: ARGS,
    ui: createTourUi(output, 'pretty'),
    prompts,
    interactive: true,
    canAsk: true,
    signal: new AbortController().signal,
    cwd: dir,
    env: {},
  })
  return { run, output, prompts }
}

async function progress(dir: string): Promise<ProgressData> {
  return JSON.parse(await readFile(join(dir, '.uami', 'tour.json'), 'utf8')) as ProgressData
}

const RUN = (count: number): string[] => Array.from({ length: count }, () => 'run')

describe('the interactive tour (step engine with scripted answers)', () => {
  it('walks one sample step by step: explanation, az command, run and verify for each of the nine steps', async () => {
    const dir = join(work, 'walk')
    const { run, output, prompts } = await tour(dir, ['walk', 'container-apps', ...RUN(9), 'quit'])
    const result = await run
    expect(prompts.remaining).toBe(0)
    expect(result.ok).toBe(true)
    expect(result.rows).toHaveLength(1)
    expect(result.rows[0]).toMatchObject({
      sample: 'container-apps',
      identity: 'id-uami-container-apps',
      verified: true,
    })
    expect(prompts.asked.filter((message) => message.startsWith('Run step'))).toEqual(
      Array.from({ length: 9 }, (_, index) => `Run step ${index + 1}/9?`),
    )
    const text = output.text
    // The explanation (the docs' words) and the corrected az command (ERRATA #2: --user-assigned for containerapp).
    expect(text).toContain(
      "Attach the identity to the host. Until you do, the host's identity endpoint answers",
    )
    expect(text).toMatch(/az containerapp identity assign -g rg-uami -n ca-uami --user-assigned/)
    expect(text).not.toMatch(/az containerapp identity assign -g[^\n]*--identities/)
    expect(text).toMatch(/--assignee-object-id [0-9a-f-]{36} --assignee-principal-type ServicePrincipal/)
    // Each verify, and the proof of which identity the sample used.
    expect(text).toContain(
      'verified: the host lists id-uami-container-apps in identity.userAssignedIdentities',
    )
    expect(text).toMatch(/xms_mirid \/subscriptions\/[^\n]*\/userAssignedIdentities\/id-uami-container-apps/)
    expect(text).toContain('verified: all 5 checks pass')
    // Step 7's command is for Azure: the store's azconfig.io endpoint, never the emulator's loopback address —
    // which is shown too, labelled, because it is what the local run uses.
    const configure =
      /^az containerapp update -g rg-uami -n ca-uami --set-env-vars .*$/m.exec(text)?.[0] ?? ''
    expect(configure).toMatch(/ APP_CONFIG_ENDPOINT=https:\/\/appcs-uami-[0-9a-f]{6}\.azconfig\.io( |$)/)
    expect(configure).not.toContain('127.0.0.1')
    expect(text).toMatch(
      /^.*locally: APP_CONFIG_ENDPOINT=https:\/\/127\.0\.0\.1:\d+ \(the emulator's store appcs-uami-[0-9a-f]{6}; the tour sets it for you\)/m,
    )
    // Every command block shown for Azure carries no loopback address.
    for (const line of text.split('\n').filter((each) => /^az /.test(each)))
      expect(line).not.toMatch(/127\.0\.0\.1|localhost/)
    // Commands that are not az are not labelled as the Azure CLI.
    expect(text).toMatch(/Run it yourself:\n[^\n]*curl -s http:\/\/127\.0\.0\.1:\d+\/identity/)
    expect(text).toMatch(
      /Run it yourself:\n[^\n]*\(set -a && \. [^\n]*container-apps\.env && [^\n]* doctor --resource-group rg-uami /,
    )
  }, 120_000)

  it('offers Back in every submenu: back to the menu, nothing run', async () => {
    const dir = join(work, 'back')
    const { run, prompts } = await tour(dir, [
      'walk',
      'back',
      'wrong',
      'back',
      'wrong',
      'no-role',
      'back',
      'quit',
    ])
    const result = await run
    expect(prompts.remaining).toBe(0)
    expect(result.rows).toEqual([])
    expect(prompts.asked).toEqual([
      'What would you like to do?',
      'Which sample?',
      'What would you like to do?',
      'Which mistake?',
      'What would you like to do?',
      'Which mistake?',
      'On which sample?',
      'What would you like to do?',
    ])
  }, 60_000)

  it('stops when asked, saves progress, and resumes at the first step not done', async () => {
    const dir = join(work, 'resume')
    const first = await tour(dir, ['walk', 'vm', ...RUN(3), 'quit'])
    const stopped = await first.run.catch((error: unknown) => error)
    expect(isTourError(stopped, 'UAMI_TOUR_CANCELLED')).toBe(true)
    const saved = (await progress(dir)).runs.local
    expect(saved?.done).toEqual({ shared: ['sign-in', 'app-configuration'], vm: ['identity'] })

    const second = await tour(dir, ['resume', 'walk', 'vm', ...RUN(6), 'quit'])
    const result = await second.run
    expect(result.rows[0]).toMatchObject({ sample: 'vm', verified: true })
    expect(second.prompts.asked[0]).toMatch(/^Welcome back: setup 2 steps, vm 1 step done\.$/)
    expect(second.prompts.asked.filter((message) => message.startsWith('Run step'))).toEqual([
      'Run step 4/9?',
      'Run step 5/9?',
      'Run step 6/9?',
      'Run step 7/9?',
      'Run step 8/9?',
      'Run step 9/9?',
    ])
    // The steps done earlier are checked again (quietly) before the tour continues.
    expect(second.output.text).toContain('verified: ARM returns id-uami-vm with its three identifiers')
  }, 120_000)

  it('offers "what goes wrong" in the menu: shows the sample\'s error, the doctor\'s diagnosis, then fixes and verifies', async () => {
    const dir = join(work, 'wrong')
    const { run, output, prompts } = await tour(dir, ['wrong', 'no-role', 'app-service', true, 'quit'])
    const result = await run
    expect(prompts.remaining).toBe(0)
    expect(result.ok).toBe(true)
    const text = output.text
    expect(text).toContain('UAMI_CRED_FORBIDDEN')
    expect(text).toContain('uami doctor diagnosed it: no-role.')
    expect(text).toContain('Diagnosed, fixed and verified.')
  }, 120_000)
})
