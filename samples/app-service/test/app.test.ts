import { DefaultAzureCredential } from '@azure/identity'
import { EXAMPLE_IDENTIFIERS } from '@uami/sample-testing'
import { describeSampleWiring } from '@uami/sample-testing/vitest'
import { expect, it } from 'vitest'
import app from '../src/app.ts'
import { createCredential } from '../src/credential.ts'
import { readEnv } from '../src/env.ts'

// The shared wiring test (packages/sample-testing/src/vitest/wiring.ts), then what only this sample checks.
describeSampleWiring(
  {
    readEnv,
    app,
    expected: {
      name: 'app-service',
      title: 'Azure App Service',
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

    it('builds DefaultAzureCredential on a developer machine and listens on loopback', () => {
      const env = readEnv({
        AZURE_CLIENT_ID: EXAMPLE_IDENTIFIERS.clientId,
        APP_CONFIG_ENDPOINT: 'https://appcs-uami.azconfig.io',
      })
      expect(createCredential(env)).toBeInstanceOf(DefaultAzureCredential)
      expect(env.host).toBe('127.0.0.1')
    })
  },
)
