import { isUamiCredentialError } from '@uami/credential'
import {
  attachIdentityCommand,
  detectManagedIdentitySource,
  IDENTITY_RESOURCE_ID_VARIABLE,
  inspectHost,
} from '@uami/credential/diagnostics'
import { hostNames } from './explain-context.js'
import type { DoctorCheck } from './report.js'
import type { DoctorState } from './state.js'

const TITLE = 'Managed identity source'

/**
 * Check 1: where this runs and which managed identity source the SDK (MSAL) will use — from variable names only.
 * Fails when an App Service or Container Apps host has no identity endpoint (no identity enabled), or when the
 * source cannot select a user-assigned identity.
 */
export function checkSource(state: DoctorState): DoctorCheck {
  try {
    state.detection = inspectHost(state.env)
  } catch (error) {
    return failure(error, 'invalid-host')
  }
  const detection = state.detection
  const source = detectManagedIdentitySource(state.env)
  state.source = source
  if (detection.host === 'developer-machine') {
    return {
      id: 'managed-identity-source',
      title: TITLE,
      status: 'pass',
      summary: `${detection.reason} On a developer machine DefaultAzureCredential signs in as you (narrow it with AZURE_TOKEN_CREDENTIALS); no managed identity is used.`,
    }
  }
  if (
    (detection.host === 'app-service' || detection.host === 'container-apps') &&
    source.source !== 'AppService'
  ) {
    const names = hostNames(state)
    return {
      id: 'managed-identity-source',
      title: TITLE,
      status: 'fail',
      summary: `${detection.reason} But IDENTITY_ENDPOINT and IDENTITY_HEADER are not both set: no managed identity is enabled on this app.`,
      diagnosis: 'no-identity-endpoint',
      code: 'UAMI_DOCTOR_NO_IDENTITY_ENDPOINT',
      fix: `Attach the identity, then restart the app:\n${attachIdentityCommand({
        host: detection.host,
        resourceGroup: names.resourceGroup,
        hostName: names.hostName,
        identity:
          state.env[IDENTITY_RESOURCE_ID_VARIABLE] ??
          state.env.AZURE_MANAGED_IDENTITY_RESOURCE_ID ??
          undefined,
      })}`,
    }
  }
  if (!source.userAssignedSupported) {
    return {
      id: 'managed-identity-source',
      title: TITLE,
      status: 'fail',
      summary: source.description,
      diagnosis: 'unsupported-source',
      code: 'UAMI_CRED_USER_ASSIGNED_UNSUPPORTED',
      fix: 'Run the app on App Service, Container Apps or a VM, where a user-assigned identity can be selected.',
    }
  }
  return {
    id: 'managed-identity-source',
    title: TITLE,
    status: 'pass',
    summary: `${detection.host}: ${source.source} — ${source.description}${imdsNote(state)}`,
  }
}

/**
 * On a VM, what `AZURE_POD_IDENTITY_AUTHORITY_HOST` means: the variable points the SDK at another IMDS, which is how
 * the local emulator stands in for the VM's; a real Azure VM sets nothing (IMDS answers at 169.254.169.254).
 */
function imdsNote(state: DoctorState): string {
  if (state.detection?.host !== 'vm') return ''
  return state.env.AZURE_POD_IDENTITY_AUTHORITY_HOST
    ? " AZURE_POD_IDENTITY_AUTHORITY_HOST points the SDK at another IMDS: that is how the local emulator stands in for the VM's. A real Azure VM sets nothing; its IMDS answers at 169.254.169.254."
    : ' A real Azure VM sets no variable for it: IMDS answers at 169.254.169.254.'
}

function failure(error: unknown, diagnosis: 'invalid-host'): DoctorCheck {
  const coded = isUamiCredentialError(error)
  return {
    id: 'managed-identity-source',
    title: TITLE,
    status: 'fail',
    summary: error instanceof Error ? error.message : String(error),
    diagnosis,
    code: coded ? error.code : undefined,
    fix: coded
      ? error.fix
      : 'Unset UAMI_HOST or set it to app-service, container-apps, vm or developer-machine.',
  }
}
