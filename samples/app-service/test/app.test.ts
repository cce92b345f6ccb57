import { EXAMPLE_IDENTIFIERS } from '@uami/sample-testing'
import { describeSampleWiring } from '@uami/sample-testing/vitest'
import { expect, it } from 'vitest'
import app from '../src/app.ts'
import { readEnv } from '../src/env.ts'
import { sample } from '../src/sample.ts'

// The shared wiring test (packages/sample-testing/src/vitest/wiring.ts), then what only this sample checks.
describeSampleWiring(
  {
    sample,
    readEnv,
    app,
    expected: {
      name: 'app-service',
      host: 'app-service',
      identifierKind: 'clientId',
      variable: 'AZURE_CLIENT_ID',
    },
  },
  () => {
    it('refuses AZURE_MANAGED_IDENTITY_RESOURCE_ID next to AZURE_CLIENT_ID', () => {
      expect(() =>
        readEnv({
          AZURE_CLIENT_ID: EXAMPLE_IDENTIFIERS.clientId,
          AZURE_MANAGED_IDENTITY_RESOURCE_ID: EXAMPLE_IDENTIFIERS.resourceId,
          APP_CONFIG_ENDPOINT: 'https://appcs-uami.azconfig.io',
        }),
      ).toThrow(/^Two identifier kinds at once: this sample chooses its identity by AZURE_CLIENT_ID/)
    })
  },
)
