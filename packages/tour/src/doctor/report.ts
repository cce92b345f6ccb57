/** The checks of `uami doctor`, in the order they run. */
export const DOCTOR_CHECK_IDS = [
  'managed-identity-source',
  'identifier',
  'token',
  'claims',
  'app-configuration',
] as const

/** One of {@link DOCTOR_CHECK_IDS}. */
export type DoctorCheckId = (typeof DOCTOR_CHECK_IDS)[number]

/**
 * What a failed check found, as a stable tag scripts can switch on:
 * - `managed-identity-source`: `no-identity-endpoint` (App Service / Container Apps without an identity),
 *   `unsupported-source`, `invalid-host`;
 * - `identifier`: `identifier-missing`, `identifier-ambiguous`, `malformed-identifier`, `invalid-configuration`;
 * - `token`: `not-attached`, `wrong-kind`, `identity-endpoint-unreachable`, `no-credential`,
 *   `authentication-failed`;
 * - `claims`: `identity-mismatch`;
 * - `app-configuration`: `endpoint-missing`, `endpoint-invalid`, `unreachable`, `no-role`, `propagating`,
 *   `unauthorized`, `app-configuration-error`.
 */
export type Diagnosis =
  | 'no-identity-endpoint'
  | 'unsupported-source'
  | 'invalid-host'
  | 'identifier-missing'
  | 'identifier-ambiguous'
  | 'malformed-identifier'
  | 'invalid-configuration'
  | 'not-attached'
  | 'wrong-kind'
  | 'identity-endpoint-unreachable'
  | 'no-credential'
  | 'authentication-failed'
  | 'identity-mismatch'
  | 'endpoint-missing'
  | 'endpoint-invalid'
  | 'unreachable'
  | 'no-role'
  | 'propagating'
  | 'unauthorized'
  | 'app-configuration-error'

/** One line of the doctor's report. */
export interface DoctorCheck {
  id: DoctorCheckId
  title: string
  /** `skip`: an earlier check failed, so this one could not run. */
  status: 'pass' | 'fail' | 'skip'
  /** What was found (never a token or a secret). */
  summary: string
  /** For `fail`: what is wrong, as a stable tag. */
  diagnosis?: Diagnosis | undefined
  /** For `fail`: the error code (`UAMI_CRED_…`, `UAMI_DOCTOR_…`). */
  code?: string | undefined
  /** For `fail`: what to do, usually one command. */
  fix?: string | undefined
  /** More that the doctor could tell (e.g. "this is the principal ID, not the client ID"). */
  hint?: string | undefined
}

/**
 * The whole report: what `uami doctor --json` prints (one JSON object, schema `uami.doctor/1`). Fields are only
 * ever added, never renamed or removed, within a schema version.
 */
export interface DoctorReport {
  schema: 'uami.doctor/1'
  /** `true` when every check passed (exit code 0). */
  ok: boolean
  /** Where the doctor thinks it runs, and the variable names (never values) that decided it. */
  host: { kind: string; decidedBy: string; markers: string[] } | null
  /** The managed identity source MSAL will use, e.g. `AppService`, `DefaultToImds`. */
  managedIdentitySource: string | null
  /** The credential class `@uami/credential` builds here. */
  credential: 'ManagedIdentityCredential' | 'DefaultAzureCredential' | null
  /** The configured identity (IDs are not secrets). */
  identity: { kind: string; variable: string; value: string } | null
  /** The safe claims of the token (never the token). */
  claims: Record<string, unknown> | null
  /** `APP_CONFIG_ENDPOINT`, when set. */
  appConfigEndpoint: string | null
  checks: DoctorCheck[]
  /** The first failed check, repeated for scripts that only want the answer. */
  diagnosis: {
    check: DoctorCheckId
    diagnosis: Diagnosis | undefined
    code: string | undefined
    fix: string | undefined
  } | null
}
