import { createCredential, describeAccessToken, explainAuthError, IDENTITY_VARIABLES } from '@uami/credential'
import { selectorKind, selectorValue } from '@uami/credential/diagnostics'
import { setVariableCommand } from './commands.js'
import { explainContext, hostNames } from './explain-context.js'
import { findIdentity } from './facts.js'
import type { Diagnosis, DoctorCheck } from './report.js'
import type { DoctorState } from './state.js'

const TITLE = 'Token for App Configuration'

/** The scope App Configuration clients ask for (`@azure/app-configuration` ≥ 1.9). */
export const APP_CONFIGURATION_SCOPE = 'https://appconfig.azure.com/.default'

const DIAGNOSES: Readonly<Record<string, Diagnosis>> = {
  UAMI_CRED_IDENTITY_NOT_ATTACHED: 'not-attached',
  UAMI_CRED_ENDPOINT_UNREACHABLE: 'identity-endpoint-unreachable',
  UAMI_CRED_NO_CREDENTIAL: 'no-credential',
}

/**
 * Check 3: a token for App Configuration is obtainable with the configured identity. On "identity not found" it
 * tells a wrong identifier kind from a missing attachment when the facts know the identity (a client-ID lookup for
 * a value that is some identity's principal ID, or the other way round).
 */
export async function checkToken(state: DoctorState): Promise<DoctorCheck> {
  const selector = state.selector
  if (!selector) return skipped('no valid identifier')
  try {
    state.credential = createCredential({ env: state.env, selector }).credential
    const token = await state.credential.getToken(APP_CONFIGURATION_SCOPE, {
      abortSignal: AbortSignal.timeout(state.options.timeoutMs ?? 30_000),
    })
    if (!token) throw new Error('The credential returned no token.')
    state.token = token
    state.claims = describeAccessToken(token)
  } catch (error) {
    const explained = explainAuthError(error, explainContext(state))
    const check: DoctorCheck = {
      id: 'token',
      title: TITLE,
      status: 'fail',
      summary: explained.problem,
      diagnosis: DIAGNOSES[explained.code] ?? 'authentication-failed',
      code: explained.code,
      fix: explained.fix,
    }
    return check.diagnosis === 'not-attached' ? wrongKindOrNotAttached(state, check) : check
  }
  const expires =
    state.claims.exp === undefined ? '' : `, expires ${new Date(state.claims.exp * 1000).toISOString()}`
  return {
    id: 'token',
    title: TITLE,
    status: 'pass',
    summary: `got a token for ${APP_CONFIGURATION_SCOPE}${expires}`,
  }
}

function wrongKindOrNotAttached(state: DoctorState, check: DoctorCheck): DoctorCheck {
  const selector = state.selector
  if (!selector) return check
  const kind = selectorKind(selector)
  const value = selectorValue(selector)
  const variable = IDENTITY_VARIABLES[kind]
  const swapped =
    kind === 'clientId'
      ? {
          identity: findIdentity(state.options.facts, 'principalId', value),
          was: 'principal (object) ID',
          want: 'client ID',
        }
      : kind === 'objectId'
        ? {
            identity: findIdentity(state.options.facts, 'clientId', value),
            was: 'client ID',
            want: 'object (principal) ID',
          }
        : undefined
  if (swapped?.identity) {
    const right = kind === 'clientId' ? swapped.identity.clientId : swapped.identity.principalId
    const name = swapped.identity.name ?? swapped.identity.id
    return {
      ...check,
      diagnosis: 'wrong-kind',
      code: 'UAMI_DOCTOR_WRONG_IDENTIFIER_KIND',
      summary: `${variable} = ${value} is the ${swapped.was} of identity ${name}, not its ${swapped.want}. The identity endpoint looked for an identity with that ${swapped.want}, found none, and answered "identity not found".`,
      fix: `Set ${variable} to the identity's ${swapped.want}, ${right}:\n${setVariableCommand(hostNames(state), variable, right)}`,
      hint: `This prints the right value:\naz identity show --ids ${swapped.identity.id} --query ${kind === 'clientId' ? 'clientId' : 'principalId'} -o tsv`,
    }
  }
  if (kind === 'resourceId') return check
  return {
    ...check,
    hint: `If the identity is attached, check that ${variable} holds its ${kind === 'clientId' ? 'client ID (not its principal/object ID)' : 'object (principal) ID (not its client ID)'}: both are GUIDs.`,
  }
}

function skipped(reason: string): DoctorCheck {
  return { id: 'token', title: TITLE, status: 'skip', summary: `skipped: ${reason}` }
}
