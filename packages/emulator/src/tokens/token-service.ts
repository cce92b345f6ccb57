import { randomBytes, randomUUID, type webcrypto } from 'node:crypto'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  calculateJwkThumbprint,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose'

type CryptoKey = webcrypto.CryptoKey

const KEY_FILE = 'signing-key.jwk.json'
const ALG = 'RS256'
/** Managed identity tokens last about 24 h in Azure (PROTOCOLS.md §6: an observed `exp - iat` of 86700). */
export const MANAGED_IDENTITY_TOKEN_LIFETIME_S = 86_700
/** A cached managed identity token is issued again when less than this is left of its lifetime (MSAL renews 5 minutes before). */
export const MANAGED_IDENTITY_REISSUE_S = 600
/** Client-credential tokens from Entra last 60–90 minutes. */
export const APPLICATION_TOKEN_LIFETIME_S = 4_799
/** Clock skew tolerated when validating `exp`/`nbf`. */
const CLOCK_TOLERANCE_S = 60

export interface IssuedToken {
  accessToken: string
  /** Epoch seconds. */
  issuedAt: number
  notBefore: number
  expiresOn: number
  /** The audience the token was issued for (the requested resource without `/.default`). */
  resource: string
}

/** Why a presented bearer token was refused. */
export type TokenRejection =
  | 'malformed'
  | 'algorithm'
  | 'signature'
  | 'expired'
  | 'not-yet-valid'
  | 'audience'
  | 'issuer'
  | 'claims'

/** Thrown by {@link TokenService.verify}. The message never contains the token. */
export class TokenRejectedError extends Error {
  override name = 'TokenRejectedError' as const
  constructor(
    readonly reason: TokenRejection,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** Claims the emulator relies on after validation. */
export interface VerifiedToken {
  /** Object ID of the caller: the principal role assignments are made to. */
  oid: string
  tid: string
  /** Application (client) ID, `appid` (v1) or `azp` (v2). */
  appid: string | undefined
  aud: string
  claims: JWTPayload
}

export interface ManagedIdentityTokenRequest {
  tenantId: string
  clientId: string
  principalId: string
  /** The identity's resource ID (`xms_mirid`). */
  identityResourceId: string
  /** The compute host's resource ID (`xms_az_rid`). */
  hostResourceId: string
  resource: string
}

export interface ApplicationTokenRequest {
  tenantId: string
  clientId: string
  objectId: string
  resource: string
}

/**
 * Signs and validates the emulator's access tokens: RS256 JWTs shaped like Entra ID v1 access tokens, signed with
 * a key generated once and kept in the state directory (so tokens stay valid across restarts). The issuer is
 * Entra's v1 form `https://sts.windows.net/{tenant}/`; only tokens signed by this key validate.
 */
export class TokenService {
  readonly #privateKey: CryptoKey
  readonly #publicKey: CryptoKey
  readonly #publicJwk: JWK
  readonly kid: string
  /** Managed identity tokens already issued, by identity, host and audience (see {@link mintManagedIdentityToken}). */
  readonly #issued = new Map<string, Promise<IssuedToken>>()
  /** Payloads whose signature and issuer were verified, by tenant and token (see {@link verify}). */
  readonly #verified = new Map<string, JWTPayload>()

  private constructor(privateKey: CryptoKey, publicKey: CryptoKey, publicJwk: JWK, kid: string) {
    this.#privateKey = privateKey
    this.#publicKey = publicKey
    this.#publicJwk = publicJwk
    this.kid = kid
  }

  /** Loads the signing key from `stateDir`, generating it (mode 0600) on first use. */
  static async open(stateDir: string): Promise<TokenService> {
    const path = join(stateDir, KEY_FILE)
    let privateJwk: JWK
    try {
      privateJwk = JSON.parse(await readFile(path, 'utf8')) as JWK
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      const { privateKey } = await generateKeyPair(ALG, { extractable: true, modulusLength: 2048 })
      privateJwk = await exportJWK(privateKey)
      const tmp = `${path}.${process.pid}.tmp`
      await writeFile(tmp, JSON.stringify(privateJwk), { mode: 0o600 })
      await rename(tmp, path)
    }
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicFields } = privateJwk
    const kid = await calculateJwkThumbprint(publicFields)
    const publicJwk: JWK = { ...publicFields, kid, use: 'sig', alg: ALG }
    const privateKey = (await importJWK({ ...privateJwk, alg: ALG }, ALG)) as CryptoKey
    const publicKey = (await importJWK(publicJwk, ALG)) as CryptoKey
    return new TokenService(privateKey, publicKey, publicJwk, kid)
  }

  /** Entra v1 issuer for a tenant. */
  static issuer(tenantId: string): string {
    return `https://sts.windows.net/${tenantId}/`
  }

  /** The public signing key as a JWK set (served at the OIDC `jwks_uri`). */
  jwks(): JSONWebKeySet {
    return { keys: [{ ...this.#publicJwk }] }
  }

  /**
   * A managed identity token with the claim set of a real one (PROTOCOLS.md §6). Like Azure's managed identity
   * subsystem, the endpoint caches what it issued: the same identity on the same host asking for the same audience
   * gets the same token back until it is within {@link MANAGED_IDENTITY_REISSUE_S} of its expiry. (It also keeps
   * the emulator's token endpoint from being bound by RSA signing under load.)
   */
  async mintManagedIdentityToken(request: ManagedIdentityTokenRequest): Promise<IssuedToken> {
    const key = [
      request.tenantId,
      request.clientId,
      request.principalId,
      request.identityResourceId,
      request.hostResourceId,
      normalizeAudience(request.resource),
    ].join('\n')
    const cached = this.#issued.get(key)
    if (cached !== undefined) {
      const token = await cached.catch(() => undefined)
      if (token !== undefined && token.expiresOn - Date.now() / 1000 > MANAGED_IDENTITY_REISSUE_S)
        return token
      if (this.#issued.get(key) === cached) this.#issued.delete(key)
    }
    const minted = this.#mintManagedIdentity(request)
    this.#issued.set(key, minted)
    minted.catch(() => this.#issued.delete(key))
    return minted
  }

  #mintManagedIdentity(request: ManagedIdentityTokenRequest): Promise<IssuedToken> {
    return this.#mint(
      {
        appid: request.clientId,
        appidacr: '2',
        idtyp: 'app',
        oid: request.principalId,
        sub: request.principalId,
        xms_mirid: request.identityResourceId,
        xms_az_rid: request.hostResourceId,
      },
      request.tenantId,
      request.resource,
      MANAGED_IDENTITY_TOKEN_LIFETIME_S,
    )
  }

  /** An application token from the client-credentials grant (the developer principal). */
  mintApplicationToken(request: ApplicationTokenRequest): Promise<IssuedToken> {
    return this.#mint(
      { appid: request.clientId, appidacr: '1', idtyp: 'app', oid: request.objectId, sub: request.objectId },
      request.tenantId,
      request.resource,
      APPLICATION_TOKEN_LIFETIME_S,
    )
  }

  async #mint(
    claims: JWTPayload,
    tenantId: string,
    resource: string,
    lifetimeSeconds: number,
  ): Promise<IssuedToken> {
    const issuedAt = Math.floor(Date.now() / 1000)
    const expiresOn = issuedAt + lifetimeSeconds
    const iss = TokenService.issuer(tenantId)
    const accessToken = await new SignJWT({
      ...claims,
      aio: randomBytes(18).toString('base64url'),
      idp: iss,
      rh: randomBytes(18).toString('base64url'),
      tid: tenantId,
      uti: randomBytes(16).toString('base64url'),
      ver: '1.0',
    })
      .setProtectedHeader({ alg: ALG, typ: 'JWT', kid: this.kid })
      .setIssuer(iss)
      .setAudience(resource)
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(expiresOn)
      .setJti(randomUUID())
      .sign(this.#privateKey)
    return { accessToken, issuedAt, notBefore: issuedAt, expiresOn, resource }
  }

  /**
   * Validates a bearer token: RS256 signature by this emulator's key, `iss` of `tenantId`, `aud` one of
   * `audiences` (compared without a trailing slash, case-insensitively), `exp`/`nbf` with a minute of skew, and the
   * presence of `oid` and `tid`. Throws {@link TokenRejectedError} with the reason.
   */
  async verify(
    token: string,
    options: { tenantId: string; audiences: readonly string[] },
  ): Promise<VerifiedToken> {
    const payload = await this.#verifiedPayload(token, options.tenantId)
    const aud = typeof payload.aud === 'string' ? payload.aud : undefined
    const wanted = new Set(options.audiences.map(normalizeAudience))
    if (!aud || !wanted.has(normalizeAudience(aud))) {
      throw new TokenRejectedError('audience', 'The token was issued for another audience.')
    }
    const oid = typeof payload.oid === 'string' ? payload.oid : undefined
    const tid = typeof payload.tid === 'string' ? payload.tid : undefined
    if (!oid || !tid) throw new TokenRejectedError('claims', 'The token has no oid or tid claim.')
    const appid =
      typeof payload.appid === 'string'
        ? payload.appid
        : typeof payload.azp === 'string'
          ? payload.azp
          : undefined
    return { oid, tid, appid, aud, claims: payload }
  }

  /**
   * The signature and the issuer are checked once per token and remembered (a client presents the same token for
   * hours); `exp` and `nbf` are checked on every call.
   */
  async #verifiedPayload(token: string, tenantId: string): Promise<JWTPayload> {
    const key = `${tenantId}\n${token}`
    const known = this.#verified.get(key)
    if (known !== undefined) {
      const now = Date.now() / 1000
      if (typeof known.exp === 'number' && known.exp <= now - CLOCK_TOLERANCE_S) {
        this.#verified.delete(key)
        throw new TokenRejectedError('expired', 'The token has expired.')
      }
      if (typeof known.nbf === 'number' && known.nbf > now + CLOCK_TOLERANCE_S) {
        throw new TokenRejectedError('not-yet-valid', 'The token is not valid yet.')
      }
      return known
    }
    let payload: JWTPayload
    try {
      ;({ payload } = await jwtVerify(token, this.#publicKey, {
        algorithms: [ALG],
        issuer: TokenService.issuer(tenantId),
        clockTolerance: CLOCK_TOLERANCE_S,
      }))
    } catch (error) {
      throw rejection(error)
    }
    if (this.#verified.size >= VERIFIED_CACHE_SIZE) this.#verified.clear()
    this.#verified.set(key, payload)
    return payload
  }
}

/** How many verified tokens {@link TokenService} remembers (a store sees a handful of callers). */
const VERIFIED_CACHE_SIZE = 1_000

/** `https://appconfig.azure.com/.default` / `.../` / `...` → `https://appconfig.azure.com` (lower-case). */
export function normalizeAudience(value: string): string {
  return value
    .replace(/\/\.default$/i, '')
    .replace(/\/+$/, '')
    .toLowerCase()
}

function rejection(error: unknown): TokenRejectedError {
  if (error instanceof errors.JWTExpired) {
    return new TokenRejectedError('expired', 'The token has expired.', { cause: error })
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf' || error.claim === 'iat') {
      return new TokenRejectedError('not-yet-valid', 'The token is not valid yet.', { cause: error })
    }
    if (error.claim === 'iss') {
      return new TokenRejectedError('issuer', 'The token is from the wrong issuer.', { cause: error })
    }
    return new TokenRejectedError('claims', `The token's ${error.claim} claim is invalid.`, { cause: error })
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new TokenRejectedError('algorithm', 'The token is not signed with RS256.', { cause: error })
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenRejectedError('signature', 'The token signature is invalid.', { cause: error })
  }
  return new TokenRejectedError('malformed', 'The token is not a well-formed JWT.', { cause: error })
}
