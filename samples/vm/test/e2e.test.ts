import { describeSampleEndToEnd } from '@uami/sample-testing/vitest'

// The shared scenario (packages/sample-testing/src/vitest/end-to-end.ts) against the built sample and its bundle.
describeSampleEndToEnd({
  sample: { name: 'vm', title: 'Azure Virtual Machine', host: 'vm', identifierKind: 'objectId' },
  sampleDir: new URL('..', import.meta.url),
})
