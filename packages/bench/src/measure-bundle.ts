import { stat } from 'node:fs/promises'
import { bundlePath, ensureBundle } from './bundle-file.js'
import type { Measurement } from './measurement.js'
import type { Metric, Target } from './metric.js'
import { benchSamples } from './repo.js'

/** Issue 4: each sample's bundle is at most 3 MB (1 MB = 1,048,576 bytes, as the bundler's own limit). */
export const BUNDLE_TARGET: Target = { op: '<=', limit: 3 * 1024 * 1024, source: 'issue 4' }

/** Bundle size: `dist/bundle/server.mjs` of each sample, re-bundled first when missing or stale. */
export const bundleMeasurement: Measurement = {
  id: 'bundle',
  title: 'Bundle size (dist/bundle/server.mjs)',
  async run(context) {
    const metrics: Metric[] = []
    for (const sample of benchSamples()) {
      await ensureBundle(sample, context)
      const { size } = await stat(bundlePath(sample))
      metrics.push({
        id: `bundle.${sample.def.id}`,
        label: `bundle ${sample.def.id}, dist/bundle/server.mjs`,
        value: size,
        unit: 'bytes',
        target: BUNDLE_TARGET,
      })
    }
    return metrics
  },
}
