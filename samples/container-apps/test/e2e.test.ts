import { describeSampleEndToEnd } from '@uami/sample-testing/vitest'

// The shared scenario (packages/sample-testing/src/vitest/end-to-end.ts) against the built sample and its bundle.
describeSampleEndToEnd({
  sample: {
    name: 'container-apps',
    title: 'Azure Container Apps',
    host: 'container-apps',
    identifierKind: 'resourceId',
  },
  sampleDir: new URL('..', import.meta.url),
})
