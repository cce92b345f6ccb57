import { describeSampleEndToEnd } from '@uami/sample-kit/testing'
import { sample } from '../src/sample.ts'

// The shared scenario (packages/sample-kit/src/testing/scenario.ts) against the built sample and its bundle.
describeSampleEndToEnd({ sample, sampleDir: new URL('..', import.meta.url) })
