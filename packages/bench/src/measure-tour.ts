import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { stripVTControlCharacters } from 'node:util'
import { toolEnvironment } from './child-env.js'
import type { Measurement } from './measurement.js'
import type { Metric, Target } from './metric.js'
import { exitOf, stopChild } from './processes.js'
import { benchSamples, tourBin } from './repo.js'
import { round } from './stats.js'
import { verifiedSamples } from './tour-summary.js'

/** Issue 5: `npm start </dev/null` finishes with all three samples verified in at most 20 s (after the build). */
export const TOUR_TARGET: Target = { op: '<=', limit: 20, source: 'issue 5' }

/** The tour is stopped (by PID) when it runs this long. */
const TOUR_TIMEOUT_MS = 120_000

/**
 * Tour: the full non-interactive run (`node packages/tour/dist/bin/uami.js`, stdin closed, `CI=true`) in a
 * fresh temporary state directory (`--dir`, never the repository's `.uami/`): wall time, exit code, and the
 * samples its summary marks verified.
 */
export const tourMeasurement: Measurement = {
  id: 'tour',
  title: 'Tour, non-interactive (npm start </dev/null)',
  async run(context) {
    const dir = await mkdtemp(join(tmpdir(), 'uami-bench-tour-'))
    try {
      const started = performance.now()
      const child = spawn(process.execPath, [tourBin(), '--dir', join(dir, '.uami')], {
        cwd: dir,
        env: toolEnvironment(process.env, { CI: 'true', NO_COLOR: '1' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      context.registry.add(child)
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk
      })
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk
      })
      const timedOut = sleep(TOUR_TIMEOUT_MS, 'timeout' as const, { ref: false })
      const outcome = await Promise.race([exitOf(child), timedOut])
      const exit = outcome === 'timeout' ? await stopChild(child) : outcome
      const seconds = (performance.now() - started) / 1000
      const samples = benchSamples().map((sample) => sample.def.id)
      const verified = verifiedSamples(stdout, samples)
      if (exit.code !== 0 || verified.length !== samples.length) {
        context.progress(`  the tour's last output:\n${tail(`${stdout}\n${stderr}`, 25)}`)
      }
      const note =
        outcome === 'timeout' ? `stopped after ${TOUR_TIMEOUT_MS / 1000} s without finishing` : undefined
      const metrics: Metric[] = [
        {
          id: 'tour.wall',
          label: 'tour, full non-interactive run: wall time',
          value: round(seconds, 1),
          unit: 's',
          target: TOUR_TARGET,
          ...(note === undefined ? {} : { note }),
        },
        {
          id: 'tour.exit-code',
          label: 'tour: exit code',
          value: exit.code,
          unit: 'count',
          target: { op: '=', limit: 0, source: 'issue 5' },
        },
        {
          id: 'tour.verified',
          label: `tour: samples verified (${verified.join(', ') || 'none'})`,
          value: verified.length,
          unit: 'count',
          target: { op: '=', limit: samples.length, source: 'issue 5' },
        },
      ]
      return metrics
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  },
}

function tail(text: string, lines: number): string {
  return stripVTControlCharacters(text).trimEnd().split('\n').slice(-lines).join('\n')
}
