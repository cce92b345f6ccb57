import { describeSampleEndToEnd } from '@uami/sample-testing/vitest'
import { sample } from '../src/sample.ts'

// The shared scenario (packages/sample-testing/src/vitest/end-to-end.ts) against the built sample and its bundle.
describeSampleEndToEnd({ sample, sampleDir: new URL('..', import.meta.url) })
