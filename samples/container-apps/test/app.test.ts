import { DefaultAzureCredential } from '@azure/identity'
import { EXAMPLE_IDENTIFIERS } from '@uami/sample-testing'
import { describeSampleWiring } from '@uami/sample-testing/vitest'
import { expect, it } from 'vitest'
import app from '../src/app.ts'
import { createCredential } from '../src/credential.ts'
import { readEnv } from '../src/env.ts'

const ENDPOINT = 'https://appcs-uami.azconfig.io'

// The shared wiring test (packages/sample-testing/src/vitest/wiring.ts), then what only this sample checks.
describeSampleWiring(
  {
    readEnv,
    app,
    expected: {
      name: 'container-apps',
      title: 'Azure Container Apps',
      host: 'container-apps',
      identifierKind: 'resourceId',
      variable: 'AZURE_MANAGED_IDENTITY_RESOURCE_ID',
    },
  },
  () => {
    it('refuses a resource ID that names the container app instead of the identity', () => {
      expect(() =>
        readEnv({
          AZURE_MANAGED_IDENTITY_RESOURCE_ID:
            '/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourceGroups/rg-uami/providers/Microsoft.App/containerApps/ca-uami',
          APP_CONFIG_ENDPOINT: ENDPOINT,
        }),
      ).toThrow(expect.objectContaining({ code: 'UAMI_CRED_NOT_A_USER_ASSIGNED_IDENTITY' }))
    })

    it("leaves AZURE_CLIENT_ID alone when it is a developer service principal's, and refuses it otherwise", () => {
      const base = {
        AZURE_MANAGED_IDENTITY_RESOURCE_ID: EXAMPLE_IDENTIFIERS.resourceId,
        APP_CONFIG_ENDPOINT: ENDPOINT,
      }
      const clientId = EXAMPLE_IDENTIFIERS.clientId
      expect(
        readEnv({ ...base, AZURE_CLIENT_ID: clientId, AZURE_CLIENT_SECRET: 'dev-secret' }).identity.kind,
      ).toBe('resourceId')
      expect(() => readEnv({ ...base, AZURE_CLIENT_ID: clientId })).toThrow(
        expect.objectContaining({ code: 'UAMI_SAMPLE_TWO_IDENTIFIER_KINDS' }),
      )
    })

    it('builds DefaultAzureCredential on a developer machine and listens on loopback', () => {
      const env = readEnv({
        AZURE_MANAGED_IDENTITY_RESOURCE_ID: EXAMPLE_IDENTIFIERS.resourceId,
        APP_CONFIG_ENDPOINT: 'https://appcs-uami.azconfig.io',
      })
      expect(createCredential(env)).toBeInstanceOf(DefaultAzureCredential)
      expect(env.host).toBe('127.0.0.1')
    })
  },
)
