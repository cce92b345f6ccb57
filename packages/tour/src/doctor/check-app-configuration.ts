import { AppConfigurationClient } from '@azure/app-configuration'
import { explainAuthError } from '@uami/credential'
import { setVariableCommand } from './commands.js'
import { explainContext, hostNames, storeIdOf } from './explain-context.js'
import { dataRoleAssignments } from './facts.js'
import { whatAndWhy } from './message.js'
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
      fix: `Set it to the store's endpoint (az appconfig show --name <store-name> --query endpoint -o tsv): ${setVariableCommand(names, 'APP_CONFIG_ENDPOINT', 'https://<store-name>.azconfig.io')}`,
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
      fix: `Set it to the store's endpoint: ${setVariableCommand(names, 'APP_CONFIG_ENDPOINT', 'https://<store-name>.azconfig.io')}`,
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
    const explained = explainAuthError(error, explainContext(state))
    const check: DoctorCheck = {
      id: 'app-configuration',
      title: TITLE,
      status: 'fail',
      summary: whatAndWhy(explained.message, explained.fix),
      diagnosis: DIAGNOSES[explained.code] ?? 'app-configuration-error',
      code: explained.code,
      fix: explained.fix,
    }
    return check.diagnosis === 'no-role' ? propagatingOrNoRole(state, check) : check
  }
}

function propagatingOrNoRole(state: DoctorState, check: DoctorCheck): DoctorCheck {
  const principalId = state.claims?.oid
  const storeId = storeIdOf(state)
  if (!principalId || !storeId) return check
  const [assignment] = dataRoleAssignments(state.options.facts, principalId, storeId)
  if (!assignment) {
    return state.options.facts
      ? {
          ...check,
          hint: `ARM lists no App Configuration data role for principal ${principalId} on the store or above it.`,
        }
      : check
  }
  const age = assignment.createdOn
    ? Math.max(0, Math.round((Date.now() - Date.parse(assignment.createdOn)) / 1000))
    : undefined
  const delay = state.options.facts?.propagationDelayMs
  const local =
    delay === undefined ? '' : ` (the local emulator delays new assignments by ${Math.round(delay / 1000)} s)`
  return {
    ...check,
    diagnosis: 'propagating',
    code: 'UAMI_DOCTOR_ROLE_PROPAGATING',
    summary: `App Configuration answered 403, yet principal ${principalId} has ${assignment.roleName ?? 'an App Configuration data role'} on ${assignment.scope}${age === undefined ? '' : `, assigned ${age} s ago`}: the assignment is still propagating${local}.`,
    fix: 'Wait, then retry: nothing needs changing. New role assignments take effect within minutes in Azure (allow up to ~15). The samples retry on their own; run uami doctor again in a minute. Do not assign broader roles.',
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:'
  } catch {
    return false
  }
}
