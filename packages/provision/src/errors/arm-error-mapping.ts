import { ArmForbiddenError } from './arm-forbidden-error.js'
import { ArmRequestError } from './arm-request-error.js'
import { ResourceGroupNotFoundError } from './resource-group-not-found-error.js'
import { ResourceNotFoundError } from './resource-not-found-error.js'

/** The fields of an Azure SDK `RestError` this package reads (duck-typed: core-client and TypeSpec clients differ). */
export interface RestErrorLike {
  name: 'RestError'
  message: string
  statusCode?: number
  code?: string
}

/**
 * Tells whether a caught value is an Azure SDK `RestError` (from `@azure/core-rest-pipeline` or
 * `@typespec/ts-http-runtime`; both name it `RestError`).
 */
export function isRestError(error: unknown): error is RestErrorLike {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'RestError'
}

interface HeadersLike {
  has(name: string): boolean
  set(name: string, value: string): void
}

/**
 * Replaces the `Authorization` header of the request a `RestError` carries, so that an error kept as `cause`
 * never holds a bearer token, whatever serialiser a caller uses (the SDK's own `inspect` redacts it; generic
 * serialisers such as test reporters do not). The request has completed; nothing reuses it.
 */
export function redactRestError(error: unknown): void {
  if (!isRestError(error)) return
  const withRequests = error as {
    request?: { headers?: HeadersLike }
    response?: { request?: { headers?: HeadersLike } }
  }
  for (const headers of [withRequests.request?.headers, withRequests.response?.request?.headers]) {
    if (headers && typeof headers.has === 'function' && headers.has('authorization')) {
      headers.set('authorization', 'REDACTED')
    }
  }
}

/** Status of a `RestError`, or `undefined` for anything else. */
export function statusOf(error: unknown): number | undefined {
  return isRestError(error) ? error.statusCode : undefined
}

/** ARM's error code of a `RestError` (`ResourceNotFound`, `PrincipalNotFound`, …), or `undefined`. */
export function armCodeOf(error: unknown): string | undefined {
  return isRestError(error) ? error.code : undefined
}

/** What a failed ARM call was for: used to word the error. */
export interface ArmCallContext {
  /** e.g. `create the user-assigned identity "id-uami"` (completes "Could not …"). */
  operation: string
  subscriptionId: string
  /** The resource group the call targets, when any. */
  resourceGroup?: string | undefined
  /** The resource the call targets, when any. */
  resourceId?: string | undefined
  /** The scope a 403 should name (default: the resource group, else the subscription). */
  scope?: string | undefined
  /** The role(s) a 403 should name (default `Contributor`). */
  requiredRole?: string | undefined
  /** The single role the 403's fix command assigns (default: `requiredRole`). */
  suggestedRole?: string | undefined
  /** How to create the resource when it is missing (for `ResourceNotFound`). */
  createWith?: string | undefined
}

/**
 * Turns an SDK `RestError` from an ARM call into the matching {@link ProvisionError} subclass, keeping the
 * `RestError` as `cause`. Anything that is not a `RestError` (a bug, an abort) is returned unchanged.
 */
export function toArmError(error: unknown, context: ArmCallContext): unknown {
  if (!isRestError(error)) return error
  redactRestError(error)
  const status = error.statusCode
  const code = error.code
  const groupScope = context.resourceGroup
    ? `/subscriptions/${context.subscriptionId}/resourceGroups/${context.resourceGroup}`
    : `/subscriptions/${context.subscriptionId}`
  if (status === 403) {
    return new ArmForbiddenError({
      operation: context.operation,
      scope: context.scope ?? groupScope,
      requiredRole: context.requiredRole ?? 'Contributor',
      suggestedRole: context.suggestedRole,
      armMessage: error.message,
      cause: error,
    })
  }
  // A 404 with another code on a create call is about a referenced resource (App Service answers
  // "NotFound: Cannot find ServerFarm with name …" for a site on a missing plan), not about the resource group.
  if (
    status === 404 &&
    (code === 'ResourceGroupNotFound' || (context.resourceGroup && !context.resourceId && !code))
  ) {
    return new ResourceGroupNotFoundError({
      operation: context.operation,
      resourceGroup: context.resourceGroup ?? '(unknown)',
      subscriptionId: context.subscriptionId,
      cause: error,
    })
  }
  if (status === 404 && context.resourceId) {
    return new ResourceNotFoundError({
      operation: context.operation,
      resourceId: context.resourceId,
      createWith: context.createWith ?? 'run the step that creates it',
      cause: error,
    })
  }
  return new ArmRequestError({
    operation: context.operation,
    statusCode: status,
    armCode: code,
    armMessage: error.message,
    ...(code && PROVIDER_CODES.has(code) ? { fix: providerFix(error.message) } : {}),
    cause: error,
  })
}

/** ARM codes for a resource type the subscription (or the local emulator) does not serve. */
const PROVIDER_CODES = new Set(['NoRegisteredProviderFound', 'MissingSubscriptionRegistration'])

function providerFix(message: string): string {
  const type = /type '([^']+)'/.exec(message)?.[1]
  const namespace = type?.split('/')[0] ?? '<namespace>'
  return `In Azure, register the resource provider: az provider register --namespace ${namespace} --wait. Against the local emulator, the resource type is not modelled (see the emulator's docs/arm.md for the types it serves).`
}

/**
 * Runs one ARM call and maps a failure with {@link toArmError}.
 *
 * @returns The call's result.
 * @throws {@link ProvisionError} subclasses for `RestError`s; anything else unchanged.
 */
export async function armCall<T>(context: ArmCallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw toArmError(error, context)
  }
}

/**
 * Runs an ARM GET and returns `undefined` when the resource does not exist (404 `ResourceNotFound` or a 404
 * without a code). A missing resource group still throws {@link ResourceGroupNotFoundError}.
 */
export async function armGetOptional<T>(
  context: ArmCallContext,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call()
  } catch (error) {
    if (statusOf(error) === 404 && armCodeOf(error) !== 'ResourceGroupNotFound') return undefined
    throw toArmError(error, context)
  }
}

/**
 * Runs an ARM DELETE; a 404 (already gone) counts as success.
 *
 * @returns `true` when something was deleted, `false` when it did not exist.
 */
export async function armDelete(context: ArmCallContext, call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call()
    return true
  } catch (error) {
    if (statusOf(error) === 404) return false
    throw toArmError(error, context)
  }
}
