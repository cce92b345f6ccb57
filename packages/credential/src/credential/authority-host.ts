import { InvalidAuthorityHostError } from '../errors/invalid-authority-host-error.js'
import { isLoopbackHostname } from '../util/loopback.js'

/**
 * Checks an authority host and tells whether it is a loopback address (127.0.0.0/8, `::1`, `localhost`) — the
 * local emulator — for which MSAL's instance discovery must be disabled (it would ask Microsoft's fixed host and
 * fail with `endpoints_resolution_error`).
 *
 * @param value - The authority host URL, e.g. `https://127.0.0.1:8443`.
 * @param source - How errors name it. Default: `AZURE_AUTHORITY_HOST`.
 * @returns `true` for a loopback https URL, `false` for any other https URL.
 * @throws `InvalidAuthorityHostError` when `value` is not an absolute https URL.
 * @example
 * ```ts
 * isLoopbackAuthorityHost('https://127.0.0.1:8443') // true
 * isLoopbackAuthorityHost('https://login.microsoftonline.com') // false
 * ```
 */
export function isLoopbackAuthorityHost(value: string, source = 'AZURE_AUTHORITY_HOST'): boolean {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InvalidAuthorityHostError({ source, value, reason: 'it is not an absolute URL' })
  }
  if (url.protocol === 'http:') {
    throw new InvalidAuthorityHostError({ source, value, reason: 'it uses http, not https' })
  }
  if (url.protocol !== 'https:') {
    throw new InvalidAuthorityHostError({ source, value, reason: "it does not start with 'https://'" })
  }
  return isLoopbackHostname(url.hostname)
}
