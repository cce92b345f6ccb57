/** What must never appear in a sample's logs. */
export interface ForbiddenInLogs {
  /** Exact secret values: the `IDENTITY_HEADER` value, client secrets. */
  readonly secrets: readonly string[]
}

const JWT = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]*/
const BEARER = /Bearer /

/**
 * Lists the log lines that leak: an exact secret value, anything shaped like a JWT (an access token), or
 * `Bearer ` (an authorization header).
 *
 * @param lines - The captured output.
 * @param forbidden - The secret values to look for.
 * @returns One description per leaking line (the secret itself is not repeated).
 */
export function findLeaks(lines: readonly string[], forbidden: ForbiddenInLogs): string[] {
  const leaks: string[] = []
  lines.forEach((line, index) => {
    forbidden.secrets.forEach((secret, which) => {
      if (secret !== '' && line.includes(secret)) leaks.push(`line ${index + 1}: secret #${which + 1}`)
    })
    if (JWT.test(line)) leaks.push(`line ${index + 1}: a JWT`)
    if (BEARER.test(line)) leaks.push(`line ${index + 1}: "Bearer "`)
  })
  return leaks
}
