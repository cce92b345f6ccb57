// npm run bundle: dist/server.js and its dependencies → dist/bundle/server.mjs (what the deploy assets run).
import { bundleSample, formatBundleResult } from '@uami/sample-kit/bundle'

process.stdout.write(
  `${formatBundleResult(await bundleSample({ sampleDir: new URL('..', import.meta.url) }))}\n`,
)
