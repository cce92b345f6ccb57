import type { AccessToken, TokenCredential } from '@azure/core-auth'
import { describe, expect, it } from 'vitest'
import {
  ArmForbiddenError,
  getSignedInPrincipal,
  InvalidOptionError,
  isProvisionError,
  ProvisionError,
  provisionErrorCatalogue,
} from '../src/index.ts'

/** A credential that returns a fixed (unsigned) token: getSignedInPrincipal only reads its claims. */
function tokenWith(claims: Record<string, unknown>): TokenCredential {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const token = `${encode({ alg: 'none' })}.${encode(claims)}.signature-SECRET`
  return {
    getToken: async (): Promise<AccessToken> => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
  }
}

describe('provisionErrorCatalogue', () => {
  it('has one entry per stable code', () => {
    const codes = provisionErrorCatalogue.map((entry) => entry.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const code of codes) expect(code).toMatch(/^UAMI_PROVISION_[A-Z_]+$/)
  })
})

describe('ProvisionError', () => {
  it('reads what failed, why and what to do, and serialises without its cause', () => {
    const cause = Object.assign(new Error('ARM said no'), { name: 'RestError', statusCode: 403 })
    const error = new ArmForbiddenError({
      operation: 'create user-assigned identity "id-uami"',
      scope: '/subscriptions/s/resourceGroups/rg',
      requiredRole: 'Contributor',
      cause,
    })
    expect(error).toBeInstanceOf(ProvisionError)
    expect(error.cause).toBe(cause)
    expect(error.message).toMatch(
      /^Could not create user-assigned identity "id-uami": .* answered 403 Forbidden\. /,
    )
    expect(error.message.endsWith(error.fix)).toBe(true)
    const json = error.toJSON()
    expect(json).toMatchObject({
      name: 'ArmForbiddenError',
      code: 'UAMI_PROVISION_ARM_FORBIDDEN',
      requiredRole: 'Contributor',
    })
    expect(json).not.toHaveProperty('cause')
  })

  it('is recognised by code, and across copies of the package by its brand', () => {
    const error = new InvalidOptionError({ option: 'name', problem: 'too short.', fix: 'Use a longer name.' })
    expect(isProvisionError(error)).toBe(true)
    expect(isProvisionError(error, 'UAMI_PROVISION_INVALID_OPTION')).toBe(true)
    expect(isProvisionError(error, 'UAMI_PROVISION_ARM_FORBIDDEN')).toBe(false)
    const foreign = Object.defineProperty(
      { code: 'UAMI_PROVISION_INVALID_OPTION' },
      Symbol.for('@uami/provision.error'),
      {
        value: true,
      },
    )
    expect(isProvisionError(foreign, 'UAMI_PROVISION_INVALID_OPTION')).toBe(true)
    expect(isProvisionError(new Error('x'))).toBe(false)
    expect(isProvisionError(undefined)).toBe(false)
  })
})

describe('getSignedInPrincipal', () => {
  it('tells a user (delegated token) from a service principal', async () => {
    expect(await getSignedInPrincipal(tokenWith({ oid: 'u1', tid: 't', scp: 'user_impersonation' }))).toEqual(
      {
        objectId: 'u1',
        tenantId: 't',
        principalType: 'User',
      },
    )
    expect(await getSignedInPrincipal(tokenWith({ oid: 'a1', tid: 't', idtyp: 'app' }))).toEqual({
      objectId: 'a1',
      tenantId: 't',
      principalType: 'ServicePrincipal',
    })
  })

  it('stops with a coded error, without the token, when there is no object ID', async () => {
    const error = await getSignedInPrincipal(tokenWith({ tid: 't' })).catch((e: unknown) => e)
    expect(isProvisionError(error, 'UAMI_PROVISION_SIGNED_IN_PRINCIPAL_UNKNOWN')).toBe(true)
    expect((error as Error).message).toContain('"oid"')
    expect((error as Error).message).not.toContain('SECRET')
    const notJwt: TokenCredential = {
      getToken: async () => ({ token: 'opaque-SECRET', expiresOnTimestamp: 0 }),
    }
    const second = await getSignedInPrincipal(notJwt).catch((e: unknown) => e)
    expect(isProvisionError(second, 'UAMI_PROVISION_SIGNED_IN_PRINCIPAL_UNKNOWN')).toBe(true)
    expect((second as Error).message).not.toContain('SECRET')
  })
})
