import { isIP } from 'node:net'
import { InvalidEnvError } from '../errors/invalid-env-error.js'
import { VARIABLE_HELP } from './env-schema.js'

function describeValue(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value
  return JSON.stringify(shown)
}

/**
 * Checks `APP_CONFIG_ENDPOINT`: an absolute `https://` URL with no path, query, fragment or credentials (the
 * App Configuration provider keeps only the origin, and bearer tokens are sent over https only).
 *
 * @param value - The variable's value.
 * @returns The endpoint's origin, e.g. `https://mystore.azconfig.io`.
 * @throws {@link InvalidEnvError} naming `APP_CONFIG_ENDPOINT`, what was expected and what was received.
 * @example
 * ```ts
 * checkEndpoint('https://mystore.azconfig.io/') // 'https://mystore.azconfig.io'
 * ```
 */
export function checkEndpoint(value: string): string {
  const help = VARIABLE_HELP.APP_CONFIG_ENDPOINT as { expected: string; fix: string }
  const fail = (received: string): InvalidEnvError =>
    new InvalidEnvError({ variable: 'APP_CONFIG_ENDPOINT', expected: help.expected, received, fix: help.fix })
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw fail(`${describeValue(value)}, which is not an absolute URL`)
  }
  if (url.protocol !== 'https:') {
    throw fail(
      `${describeValue(value)} (${url.protocol.replace(':', '')}; Azure SDK clients send bearer tokens over https only)`,
    )
  }
  if (url.username !== '' || url.password !== '') throw fail('a URL with credentials in it')
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw fail(`${describeValue(value)}, which has a path, query or fragment (use the origin only)`)
  }
  return url.origin
}

/**
 * Tells whether an endpoint's host is a loopback name or an IP literal (the local emulator). There, replica
 * discovery must be off: it sends DNS SRV queries off the machine, and replicas cannot exist (PROTOCOLS.md).
 *
 * @param endpoint - An https origin (or `undefined`: not set).
 * @returns `true` for `localhost`, `127.0.0.1`, `[::1]` or any IP literal; `false` when unset or not a URL.
 * @example
 * ```ts
 * isLocalEndpoint('https://127.0.0.1:7443') // true
 * isLocalEndpoint('https://mystore.azconfig.io') // false
 * ```
 */
export function isLocalEndpoint(endpoint: string | undefined): boolean {
  if (endpoint === undefined || !URL.canParse(endpoint)) return false
  const hostname = new URL(endpoint).hostname.replace(/^\[|\]$/g, '')
  return hostname === 'localhost' || hostname.endsWith('.localhost') || isIP(hostname) !== 0
}
