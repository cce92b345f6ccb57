import { describeSampleEndToEnd } from '@uami/sample-testing/vitest'

// The shared scenario (packages/sample-testing/src/vitest/end-to-end.ts) against the built sample and its bundle.
describeSampleEndToEnd({
  sample: {
    name: 'app-service',
    title: 'Azure App Service',
    host: 'app-service',
    identifierKind: 'clientId',
  },
  sampleDir: new URL('..', import.meta.url),
})
