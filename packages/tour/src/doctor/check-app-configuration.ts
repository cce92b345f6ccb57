import { AppConfigurationClient } from '@azure/app-configuration'
import { explainAuthError, type RoleAssignmentState } from '@uami/credential'
import { setVariableCommand } from './commands.js'
import { explainContext, hostNames, storeIdOf } from './explain-context.js'
import { dataRoleAssignments } from './facts.js'
import type { Diagnosis, DoctorCheck } from './report.js'
import type { DoctorState } from './state.js'

const TITLE = 'App Configuration reachable and authorized'

const DIAGNOSES: Readonly<Record<string, Diagnosis>> = {
  UAMI_CRED_FORBIDDEN: 'no-role',
  UAMI_CRED_ENDPOINT_UNREACHABLE: 'unreachable',
  UAMI_CRED_UNAUTHORIZED: 'unauthorized',
}

/**
 * Check 5: `APP_CONFIG_ENDPOINT` is set, reachable, and the identity may read it — proven by a real read of the
 * sentinel key (a 404 proves it too: the store let the identity look). A 403 is told apart: no data role, or a
 * role that exists (per the facts) and is still propagating.
 */
export async function checkAppConfiguration(state: DoctorState): Promise<DoctorCheck> {
  const endpoint = state.env.APP_CONFIG_ENDPOINT
  const names = hostNames(state)
  if (!endpoint) {
    return {
      id: 'app-configuration',
      title: TITLE,
      status: 'fail',
      summary: 'APP_CONFIG_ENDPOINT is not set: the app does not know which store to read.',
      diagnosis: 'endpoint-missing',
      code: 'UAMI_DOCTOR_ENDPOINT_MISSING',
      fix: `Set it to the store's endpoint:\n${setVariableCommand(names, 'APP_CONFIG_ENDPOINT', azureEndpoint(state))}`,
    }
  }
  if (!isHttpsUrl(endpoint)) {
    return {
      id: 'app-configuration',
      title: TITLE,
      status: 'fail',
      summary: `APP_CONFIG_ENDPOINT is ${JSON.stringify(endpoint.slice(0, 200))}, not an https:// URL (the SDK sends tokens only over https).`,
      diagnosis: 'endpoint-invalid',
      code: 'UAMI_DOCTOR_ENDPOINT_INVALID',
      fix: `Set it to the store's endpoint:\n${setVariableCommand(names, 'APP_CONFIG_ENDPOINT', azureEndpoint(state))}`,
    }
  }
  if (!state.credential || !state.token) {
    return {
      id: 'app-configuration',
      title: TITLE,
      status: 'skip',
      summary: `skipped: no token (endpoint ${endpoint})`,
    }
  }
  const key = state.options.sentinelKey ?? state.env.APP_CONFIG_SENTINEL_KEY ?? 'Settings:Sentinel'
  const client = new AppConfigurationClient(endpoint, state.credential, {
    retryOptions: { maxRetries: 0 },
    userAgentOptions: { userAgentPrefix: 'uami-doctor' },
  })
  try {
    const setting = await client.getConfigurationSetting(
      { key },
      { abortSignal: AbortSignal.timeout(state.options.timeoutMs ?? 30_000) },
    )
    return {
      id: 'app-configuration',
      title: TITLE,
      status: 'pass',
      summary: `read "${key}" = ${JSON.stringify(setting.value)} from ${endpoint}`,
    }
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode === 404) {
      return {
        id: 'app-configuration',
        title: TITLE,
        status: 'pass',
        summary: `authorized at ${endpoint} ("${key}" does not exist yet)`,
      }
    }
    const context = explainContext(state)
    const first = explainAuthError(error, context)
    const diagnosis = DIAGNOSES[first.code] ?? 'app-configuration-error'
    // A 403 alone cannot tell a missing role from one still propagating; what ARM lists (the facts) can.
    const assignment = diagnosis === 'no-role' ? roleAssignmentState(state) : undefined
    const explained = assignment ? explainAuthError(error, { ...context, roleAssignment: assignment }) : first
    const propagating = assignment?.state === 'propagating'
    return {
      id: 'app-configuration',
      title: TITLE,
      status: 'fail',
      summary: explained.problem,
      diagnosis: propagating ? 'propagating' : diagnosis,
      code: propagating ? 'UAMI_DOCTOR_ROLE_PROPAGATING' : explained.code,
      fix: explained.fix,
    }
  }
}

/** What the facts say about the identity's data roles on the store: none, or one still propagating. */
function roleAssignmentState(state: DoctorState): RoleAssignmentState | undefined {
  const principalId = state.claims?.oid
  const storeId = storeIdOf(state)
  if (!principalId || !storeId || !state.options.facts) return undefined
  const [assignment] = dataRoleAssignments(state.options.facts, principalId, storeId)
  if (!assignment) return { state: 'missing' }
  const age = assignment.createdOn
    ? Math.max(0, Math.round((Date.now() - Date.parse(assignment.createdOn)) / 1000))
    : undefined
  const delay = state.options.facts.propagationDelayMs
  return {
    state: 'propagating',
    role: assignment.roleName ?? 'an App Configuration data role',
    scope: assignment.scope,
    ageSeconds: age,
    note:
      delay === undefined
        ? undefined
        : `the local emulator delays new assignments by ${Math.round(delay / 1000)} s`,
  }
}

/** The store's endpoint as Azure names it, from its resource ID when known. */
function azureEndpoint(state: DoctorState): string {
  const name = storeIdOf(state)?.split('/').filter(Boolean).at(-1)
  return `https://${name ?? '<store-name>'}.azconfig.io`
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:'
  } catch {
    return false
  }
}
