import type { ScenarioId } from '../cli/args.js'
import { explanation } from '../content.js'
import { renderDoctorReport } from '../doctor/render.js'
import type { DoctorReport } from '../doctor/report.js'
import { runSteps } from '../engine/run-steps.js'
import { UsageError } from '../errors/usage-error.js'
import { runDoctorChild } from '../samples/doctor-child.js'
import type { SampleAnswer } from '../samples/sample-http.js'
import { waitForReady, waitForReport } from '../samples/sample-process.js'
import { attachStep, hostStep, identityStep, roleStep } from '../steps/identity-steps.js'
import { SHARED_STEPS } from '../steps/index.js'
import { hostEnvironment, restartSample } from '../steps/sample-env.js'
import { doctorArgs, verifyStep } from '../steps/sample-steps.js'
import type { SampleRun, TourRun } from '../tour/run-context.js'
import type { TourOptions } from '../tour/run-tour.js'
import { type SampleId, sampleDef } from '../tour/samples.js'
import { renderMarkdown } from '../ui/markdown.js'
import { renderAnswer } from './render-answer.js'
import { PROPAGATION_DELAY_MS, SCENARIO_DEFS } from './scenarios.js'

/** What a "what goes wrong" run showed. */
export interface ScenarioResult {
  scenario: ScenarioId
  sample: SampleId
  /** The doctor named the expected diagnosis, and after the fix the sample verified. */
  ok: boolean
  /** What the sample's `/readyz` reported while broken. */
  readyz: SampleAnswer | undefined
  /** The doctor's diagnosis while broken, and the expected one. */
  diagnosis: string | undefined
  expected: string
  fixed: boolean
  verified: boolean
}

/**
 * "What goes wrong": sets a sample up completely, breaks one step on purpose, starts the sample and shows what it
 * reports (`/readyz`), runs `uami doctor` inside the host to diagnose it, applies the fix (asking first in a
 * terminal) and verifies that the sample recovers.
 *
 * @throws {@link UsageError} when the scenario does not apply to the sample.
 */
export async function runScenario(
  run: TourRun,
  id: ScenarioId,
  sampleId: SampleId | undefined,
  options: Pick<TourOptions, 'ui' | 'prompts' | 'interactive' | 'signal'>,
): Promise<ScenarioResult> {
  const def = SCENARIO_DEFS[id]
  const chosen = sampleId ?? def.samples[0] ?? 'app-service'
  if (!def.samples.includes(chosen)) {
    throw new UsageError(
      `--what-goes-wrong ${id} applies to ${def.samples.join(' and ')}: ${chosen === 'container-apps' ? 'Container Apps selects the identity by resource ID, which the credential validates at start — no other kind of value can pass for it.' : 'pick another sample.'}`,
    )
  }
  const { ui } = options
  const sample: SampleRun = { tour: run, def: sampleDef(chosen) }
  const emulator = run.target.emulator
  const previousDelay = emulator?.settings.propagationDelayMs ?? 0
  ui.heading(`What goes wrong: ${def.title} — ${sample.def.label} sample`)
  ui.block(
    'What goes wrong',
    renderMarkdown(
      explanation(`what-goes-wrong-${id}`),
      ui.style,
      ui.width === undefined ? undefined : ui.width - 6,
    ),
  )
  const quiet = { ui, prompts: options.prompts, interactive: false, signal: options.signal }
  try {
    const shared = await runSteps(SHARED_STEPS, run, {
      ...quiet,
      scope: '',
      done: new Set(SHARED_STEPS.map((step) => step.id)),
    })
    const setupSteps = [identityStep, hostStep, attachStep, roleStep]
    const setup = shared.every((outcome) => outcome.status !== 'failed')
      ? await runSteps(setupSteps, sample, {
          ...quiet,
          scope: chosen,
          done: new Set(setupSteps.map((step) => step.id)),
        })
      : []
    if (setup.length !== setupSteps.length || setup.some((outcome) => outcome.status === 'failed')) {
      ui.error('Setting the sample up failed, so the scenario cannot run: read the ✖ line above.')
      return result(false, undefined, undefined, false, false)
    }

    const broken = await def.breakIt(sample)
    ui.warn(`Broken on purpose: ${broken.description}.`)
    if (broken.az.length > 0) ui.commands('The same by hand', broken.az)

    const running = await ui.task('Starting the sample', () => restartSample(sample))
    const readyz = await ui.task('Waiting for the sample to report', () =>
      waitForReport(running, { timeoutMs: 20_000, signal: options.signal }),
    )
    ui.info(`The sample reports (GET /readyz → ${readyz.status}):`)
    ui.raw(renderAnswer(readyz.body, ui.style, ui.width).join('\n'))

    const report = await ui.task('Running uami doctor inside the host', () => doctor(sample))
    ui.raw(renderDoctorReport(report, ui.style, ui.width))
    const diagnosis = report.diagnosis?.diagnosis
    if (diagnosis === def.expected) ui.success(`uami doctor diagnosed it: ${diagnosis}.`)
    else ui.error(`uami doctor said ${diagnosis ?? 'nothing is wrong'}, expected ${def.expected}.`)

    if (options.interactive) {
      const apply = await options.prompts.confirm({
        message: id === 'propagating' ? 'Wait for the role to propagate?' : 'Apply the fix?',
        initial: true,
      })
      if (!apply) return result(diagnosis === def.expected, readyz, diagnosis, false, false)
    }
    const fixed = await ui.task('Fixing', () => def.fix(sample))
    ui.success(`Fixed: ${fixed.description}.`)
    if (fixed.az.length > 0) ui.commands('The fix by hand', fixed.az)
    if (fixed.restart) await ui.task('Restarting the sample', () => restartSample(sample))

    const started = Date.now()
    const current = sample.process ?? running
    const ready = await ui.task('Waiting for the sample to become ready on its own', (progress) =>
      waitForReady(current, {
        timeoutMs: (id === 'propagating' ? PROPAGATION_DELAY_MS : 0) + 60_000,
        signal: options.signal,
        onAnswer: (answer) =>
          progress(`Waiting for the sample to become ready on its own (/readyz ${answer.status})`),
      }),
    )
    if (ready.status !== 200) {
      ui.error(`The sample did not become ready: /readyz ${ready.status}`)
      ui.raw(renderAnswer(ready.body, ui.style, ui.width).join('\n'))
      return result(diagnosis === def.expected, readyz, diagnosis, true, false)
    }
    ui.success(`The sample is ready after ${Math.round((Date.now() - started) / 1000)} s.`)
    const proof = await runSteps([verifyStep], sample, { ...quiet, scope: chosen })
    const verified = proof.every((outcome) => outcome.status !== 'failed')
    const ok = diagnosis === def.expected && verified
    ui.outro(
      ok ? 'Diagnosed, fixed and verified.' : 'The scenario did not go as expected: read the lines above.',
    )
    return result(ok, readyz, diagnosis, true, verified)
  } finally {
    if (emulator) emulator.settings.propagationDelayMs = previousDelay
  }

  function result(
    ok: boolean,
    readyz: SampleAnswer | undefined,
    diagnosis: string | undefined,
    fixed: boolean,
    verified: boolean,
  ): ScenarioResult {
    return { scenario: id, sample: chosen, ok, readyz, diagnosis, expected: def.expected, fixed, verified }
  }
}

async function doctor(sample: SampleRun): Promise<DoctorReport> {
  return runDoctorChild({
    env: hostEnvironment(sample),
    args: await doctorArgs(sample),
    children: sample.tour.children,
  })
}
