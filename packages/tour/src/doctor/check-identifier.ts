import {
  chooseCredential,
  IDENTITY_VARIABLES,
  identityFromEnv,
  isUamiCredentialError,
} from '@uami/credential'
import { selectorKind, selectorValue } from '@uami/credential/diagnostics'
import type { Diagnosis, DoctorCheck } from './report.js'
import type { DoctorState } from './state.js'

const TITLE = 'Identifier variable'

const KIND_LABEL = {
  clientId: 'client ID',
  resourceId: 'resource ID',
  objectId: 'object (principal) ID',
} as const

const DIAGNOSES: Readonly<Record<string, Diagnosis>> = {
  UAMI_CRED_IDENTITY_NOT_SET: 'identifier-missing',
  UAMI_CRED_IDENTITY_AMBIGUOUS: 'identifier-ambiguous',
  UAMI_CRED_INVALID_GUID: 'malformed-identifier',
  UAMI_CRED_PASTED_VALUE: 'malformed-identifier',
  UAMI_CRED_INVALID_RESOURCE_ID: 'malformed-identifier',
  UAMI_CRED_NOT_A_USER_ASSIGNED_IDENTITY: 'malformed-identifier',
  UAMI_CRED_INVALID_SELECTOR: 'malformed-identifier',
}

/**
 * Check 2: exactly one identifier variable is set and its value is valid for its kind; the credential choice
 * (`AZURE_TOKEN_CREDENTIALS`, authority host) is valid too.
 */
export function checkIdentifier(state: DoctorState): DoctorCheck {
  try {
    state.selector = identityFromEnv(state.env)
    state.credentialKind = chooseCredential({ env: state.env, selector: state.selector }).credentialKind
  } catch (error) {
    const code = isUamiCredentialError(error) ? error.code : undefined
    return {
      id: 'identifier',
      title: TITLE,
      status: 'fail',
      summary: isUamiCredentialError(error)
        ? error.problem
        : error instanceof Error
          ? error.message
          : String(error),
      diagnosis: (code && DIAGNOSES[code]) ?? 'invalid-configuration',
      code,
      fix: isUamiCredentialError(error) ? error.fix : undefined,
    }
  }
  const kind = selectorKind(state.selector)
  return {
    id: 'identifier',
    title: TITLE,
    status: 'pass',
    summary: `${IDENTITY_VARIABLES[kind]} = ${selectorValue(state.selector)} (${KIND_LABEL[kind]}); credential: ${state.credentialKind}`,
  }
}
