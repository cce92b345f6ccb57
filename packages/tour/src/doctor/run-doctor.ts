import { IDENTITY_VARIABLES } from '@uami/credential'
import { selectorKind, selectorValue } from '@uami/credential/diagnostics'
import { checkAppConfiguration } from './check-app-configuration.js'
import { checkClaims } from './check-claims.js'
import { checkIdentifier } from './check-identifier.js'
import { checkSource } from './check-source.js'
import { checkToken } from './check-token.js'
import type { DoctorCheck, DoctorReport } from './report.js'
import type { DoctorOptions, DoctorState } from './state.js'

/**
 * Diagnoses the managed identity chain where the app runs, in order: the managed identity source the SDK will
 * use → the identifier variable → a token for App Configuration → its claims match the identity → App
 * Configuration reachable and authorized (a real read). A check that cannot run because an earlier one failed is
 * `skip`. Every failure carries a stable diagnosis tag, its error code and the fix command. Never includes a
 * token or the `IDENTITY_HEADER` value.
 *
 * @param options - Environment, host names for commands, facts from ARM.
 * @returns The report (`ok` when every check passed).
 * @example
 * ```ts
 * const report = await runDoctor()
 * if (!report.ok) console.error(report.diagnosis?.fix)
 * ```
 */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  const state: DoctorState = { options, env: options.env ?? process.env }
  const checks: DoctorCheck[] = []
  const source = checkSource(state)
  checks.push(source)
  const identifier = checkIdentifier(state)
  checks.push(identifier)
  const sourceOk = source.status === 'pass'
  const token =
    sourceOk && identifier.status === 'pass'
      ? await checkToken(state)
      : ({
          id: 'token',
          title: 'Token for App Configuration',
          status: 'skip',
          summary: 'skipped: an earlier check failed',
        } satisfies DoctorCheck)
  checks.push(token)
  checks.push(checkClaims(state))
  checks.push(await checkAppConfiguration(state))

  const failed = checks.find((check) => check.status === 'fail')
  const selector = state.selector
  return {
    schema: 'uami.doctor/1',
    ok: failed === undefined,
    host: state.detection
      ? {
          kind: state.detection.host,
          decidedBy: state.detection.decidedBy,
          markers: [...state.detection.markers],
        }
      : null,
    managedIdentitySource: state.source?.source ?? null,
    credential: state.credentialKind ?? null,
    identity: selector
      ? {
          kind: selectorKind(selector),
          variable: IDENTITY_VARIABLES[selectorKind(selector)],
          value: selectorValue(selector),
        }
      : null,
    claims: state.claims ? { ...state.claims } : null,
    appConfigEndpoint: state.env.APP_CONFIG_ENDPOINT ?? null,
    checks,
    diagnosis: failed
      ? { check: failed.id, diagnosis: failed.diagnosis, code: failed.code, fix: failed.fix }
      : null,
  }
}
