/** What must never appear in a sample's logs. */
export interface ForbiddenInLogs {
  /** Exact secret values: the `IDENTITY_HEADER` value, client secrets. */
  readonly secrets: readonly string[]
}

const JWT = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]*/
const BEARER = /Bearer /
/** An Authorization header with a credential in it: `Authorization: Basic …`, `authorization=HMAC-SHA256 …`. */
const AUTHORIZATION_SCHEME =
  /\bauthorization["']?\s*[:=]\s*["']?\s*(?:bearer|basic|hmac-sha256|sharedkey|pop|digest|negotiate)\b/i
/** An `authorization` field of a JSON log line with any value but a censor (pino's `[REDACTED]`, the Azure SDK's `REDACTED`). */
const AUTHORIZATION_FIELD = /"authorization"\s*:\s*"(?!\[?REDACTED\]?")[^"]/i

/**
 * Lists the log lines that leak: an exact secret value, anything shaped like a JWT (an access token), `Bearer `
 * or another Authorization header value (a header logged unredacted).
 *
 * @param lines - The captured output.
 * @param forbidden - The secret values to look for.
 * @returns One description per leak (the secret itself is not repeated).
 */
export function findLeaks(lines: readonly string[], forbidden: ForbiddenInLogs): string[] {
  const leaks: string[] = []
  lines.forEach((line, index) => {
    forbidden.secrets.forEach((secret, which) => {
      if (secret !== '' && line.includes(secret)) leaks.push(`line ${index + 1}: secret #${which + 1}`)
    })
    if (JWT.test(line)) leaks.push(`line ${index + 1}: a JWT`)
    if (BEARER.test(line)) leaks.push(`line ${index + 1}: "Bearer "`)
    else if (AUTHORIZATION_SCHEME.test(line) || AUTHORIZATION_FIELD.test(line))
      leaks.push(`line ${index + 1}: an Authorization header`)
  })
  return leaks
}
