import { randomUUID } from 'node:crypto'
import type { FastifyReply } from 'fastify'
import type { EmulatorContext } from '../context.js'
import type { HostRecord } from '../state/model.js'
import type { IssuedToken } from '../tokens/token-service.js'
import type { AttachedIdentity } from './attached.js'

/**
 * An App Service / Container Apps identity endpoint error, in the shape Azure answers with
 * (`{"statusCode":400,"message":"...","correlationId":"..."}`); MSAL reads `message` as the error description.
 */
export function appServiceError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .send({ statusCode: status, message, correlationId: randomUUID() })
}

/** An IMDS error: `{"error": "...", "error_description": "..."}` (entra-docs, how-to-use-vm-token). */
export function imdsError(
  reply: FastifyReply,
  status: number,
  error: string,
  description: string,
): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .send({ error, error_description: description })
}

/** `https://appconfig.azure.com/.default` → `https://appconfig.azure.com` (as MSAL and @azure/identity do). */
export function requestedResource(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const resource = value.trim().replace(/\/\.default$/i, '')
  return resource || undefined
}

/** Mints the managed identity token `host` gets for `identity` (`xms_mirid` = identity, `xms_az_rid` = host). */
export function mintFor(
  ctx: EmulatorContext,
  host: HostRecord,
  identity: AttachedIdentity,
  resource: string,
): Promise<IssuedToken> {
  return ctx.tokens.mintManagedIdentityToken({
    tenantId: identity.tenantId,
    clientId: identity.clientId,
    principalId: identity.principalId,
    identityResourceId: identity.resourceId,
    hostResourceId: host.id,
    resource,
  })
}
