import { isUamiCredentialError } from '@uami/credential'
import { attachIdentityCommand, detectManagedIdentitySource, inspectHost } from '@uami/credential/diagnostics'
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
      fix: `Attach the identity, then restart the app: ${attachIdentityCommand({
        host: detection.host,
        resourceGroup: names.resourceGroup,
        hostName: names.hostName,
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
    summary: `${detection.host}: ${source.source} — ${source.description}`,
  }
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
