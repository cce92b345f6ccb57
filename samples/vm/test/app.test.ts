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
      name: 'vm',
      title: 'Azure Virtual Machine',
      host: 'vm',
      identifierKind: 'objectId',
      variable: 'AZURE_MANAGED_IDENTITY_OBJECT_ID',
    },
  },
  () => {
    it('builds DefaultAzureCredential on a developer machine (it has no object-ID option) and listens on loopback', () => {
      const env = readEnv({
        AZURE_MANAGED_IDENTITY_OBJECT_ID: EXAMPLE_IDENTIFIERS.objectId,
        APP_CONFIG_ENDPOINT: ENDPOINT,
      })
      expect(env.onVm).toBe(false)
      expect(createCredential(env)).toBeInstanceOf(DefaultAzureCredential)
      expect(env.host).toBe('127.0.0.1')
    })

    it('stops with UAMI_CRED_INVALID_GUID naming the variable for a malformed object ID', () => {
      expect(() =>
        readEnv({
          AZURE_MANAGED_IDENTITY_OBJECT_ID: '3c9a6b1e5d2f4e8ab7c49f0e1d2a3b4c',
          APP_CONFIG_ENDPOINT: ENDPOINT,
        }),
      ).toThrow(
        expect.objectContaining({
          code: 'UAMI_CRED_INVALID_GUID',
          message: expect.stringContaining('AZURE_MANAGED_IDENTITY_OBJECT_ID'),
        }),
      )
    })
  },
)
