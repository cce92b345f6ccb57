import { readFileSync } from 'node:fs'
import tls from 'node:tls'

const added = new Set<string>()

/** Thrown when this Node.js cannot change its trusted certificates at run time. */
export class TrustUnsupportedError extends Error {
  override name = 'TrustUnsupportedError' as const
  readonly code = 'UAMI_EMU_TRUST_UNSUPPORTED'
}

/**
 * Makes the current process trust the emulator's local CA for every https client (the Azure SDKs included), as
 * `NODE_EXTRA_CA_CERTS` does for processes you start. Use it in the process that called `startEmulator`; child
 * processes get `NODE_EXTRA_CA_CERTS` from `hostEnv()` instead. Adds to the default certificates (it never removes
 * one) and is idempotent.
 *
 * @param caCertPath - `emulator.caCertPath`
 * @throws {@link TrustUnsupportedError} on a Node.js without `tls.setDefaultCACertificates` (before 22.19): start
 *   the process with `NODE_EXTRA_CA_CERTS=<caCertPath>` instead.
 * @example
 * ```ts
 * const emulator = await startEmulator()
 * trustLocalCa(emulator.caCertPath)
 * ```
 */
export function trustLocalCa(caCertPath: string): void {
  const pem = readFileSync(caCertPath, 'utf8')
  if (added.has(pem)) return
  const api = tls as typeof tls & { setDefaultCACertificates?: unknown }
  if (typeof api.setDefaultCACertificates !== 'function') {
    throw new TrustUnsupportedError(
      `This Node.js (${process.version}) cannot add trusted certificates at run time. Start it with NODE_EXTRA_CA_CERTS=${caCertPath}, or use Node.js 22.19 or later.`,
    )
  }
  added.add(pem)
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), ...added])
}
