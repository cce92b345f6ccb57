import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { EmulatorContext } from '../context.js'

/**
 * The Entra ID subset the Azure SDKs need for a client-credentials sign-in against the emulator:
 * OpenID discovery (v2.0 form for MSAL Node, the `adfs` form for MSAL Python / the Azure CLI), the JWKS, and the
 * token endpoint (v2.0 `scope` and v1 `resource`). Tenant-agnostic: the state's tenant ID and `adfs` are accepted.
 * Clients must pass `disableInstanceDiscovery: true` (PROTOCOLS.md).
 */
export async function entraRoutes(app: FastifyInstance, opts: { ctx: EmulatorContext }): Promise<void> {
  const { ctx } = opts

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)))
    },
  )

  const knownTenant = (tenant: string) =>
    tenant.toLowerCase() === ctx.state.data.tenantId.toLowerCase() || tenant.toLowerCase() === 'adfs'

  const discovery = (tenant: string) => {
    const base = `${ctx.urls.arm}/${tenant}`
    return {
      issuer: tenant.toLowerCase() === 'adfs' ? `${ctx.urls.arm}/adfs` : `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid', 'oid'],
      request_uri_parameter_supported: false,
      tenant_region_scope: null,
      cloud_instance_name: 'uami.local',
      cloud_graph_host_name: 'graph.uami.local',
      msgraph_host: 'graph.uami.local',
    }
  }

  const unknownTenant = (reply: FastifyReply, tenant: string) =>
    entraError(
      reply,
      400,
      'invalid_tenant',
      90002,
      `Tenant '${tenant}' not found. The uami emulator knows tenant '${ctx.state.data.tenantId}' (and 'adfs').`,
    )

  for (const path of [
    '/:tenant/v2.0/.well-known/openid-configuration',
    '/:tenant/.well-known/openid-configuration',
  ]) {
    app.get<{ Params: { tenant: string } }>(path, async (request, reply) => {
      if (!knownTenant(request.params.tenant)) return unknownTenant(reply, request.params.tenant)
      return discovery(request.params.tenant)
    })
  }

  for (const path of ['/:tenant/discovery/v2.0/keys', '/:tenant/discovery/keys']) {
    app.get<{ Params: { tenant: string } }>(path, async (request, reply) => {
      if (!knownTenant(request.params.tenant)) return unknownTenant(reply, request.params.tenant)
      return ctx.tokens.jwks()
    })
  }

  for (const path of ['/:tenant/oauth2/v2.0/token', '/:tenant/oauth2/token']) {
    app.post<{ Params: { tenant: string }; Body: Record<string, string> | undefined }>(
      path,
      async (request, reply) => {
        const { tenant } = request.params
        if (!knownTenant(tenant)) return unknownTenant(reply, tenant)
        const form = request.body
        if (typeof form !== 'object' || form === null) {
          return entraError(
            reply,
            400,
            'invalid_request',
            900144,
            "The request body must be application/x-www-form-urlencoded and contain 'grant_type'.",
          )
        }
        if (form.grant_type !== 'client_credentials') {
          return entraError(
            reply,
            400,
            'unsupported_grant_type',
            70003,
            `The uami emulator supports only grant_type=client_credentials, got '${form.grant_type ?? ''}'.`,
          )
        }
        const basic = parseBasic(request.headers.authorization)
        const clientId = form.client_id ?? basic?.id
        const clientSecret = form.client_secret ?? basic?.secret
        if (!clientId) {
          return entraError(
            reply,
            400,
            'invalid_request',
            900144,
            "The request body must contain 'client_id'.",
          )
        }
        const developer = ctx.state.data.developer
        if (clientId.toLowerCase() !== developer.clientId.toLowerCase()) {
          return entraError(
            reply,
            400,
            'unauthorized_client',
            700016,
            `Application with identifier '${clientId}' was not found in the directory '${ctx.state.data.tenantId}'.`,
          )
        }
        if (clientSecret !== developer.clientSecret) {
          return entraError(
            reply,
            401,
            'invalid_client',
            7000215,
            'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
          )
        }
        const resource = requestedResource(form)
        if (!resource) {
          return entraError(
            reply,
            400,
            'invalid_scope',
            1002012,
            'The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).',
          )
        }
        const token = await ctx.tokens.mintApplicationToken({
          tenantId: ctx.state.data.tenantId,
          clientId: developer.clientId,
          objectId: developer.objectId,
          resource,
        })
        const expiresIn = token.expiresOn - Math.floor(Date.now() / 1000)
        reply.header('cache-control', 'no-store, no-cache').header('pragma', 'no-cache')
        return {
          token_type: 'Bearer',
          expires_in: expiresIn,
          ext_expires_in: expiresIn,
          ...(path.includes('v2.0') ? {} : { expires_on: String(token.expiresOn), resource }),
          access_token: token.accessToken,
        }
      },
    )
  }
}

/** `https://management.azure.com/.default` (v2.0 `scope`) or `https://management.azure.com/` (v1 `resource`). */
function requestedResource(form: Record<string, string>): string | undefined {
  if (form.scope) {
    const scopes = form.scope
      .split(' ')
      .filter((s) => s && !['openid', 'profile', 'offline_access'].includes(s))
    const single = scopes.length === 1 ? scopes[0] : undefined
    if (!single?.endsWith('/.default')) return undefined
    return single.slice(0, -'/.default'.length)
  }
  if (form.resource) return form.resource.replace(/\/+$/, '')
  return undefined
}

function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header?.toLowerCase().startsWith('basic ')) return undefined
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return {
    id: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  }
}

function entraError(reply: FastifyReply, status: number, error: string, code: number, description: string) {
  const traceId = randomUUID()
  const correlationId = randomUUID()
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z')
  return reply.code(status).send({
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
  })
}
