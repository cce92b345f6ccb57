/**
 * The environment of a process that runs "on the host": exactly the variables the host gives it (from the
 * emulator's `hostEnv`), what the deployment sets (identifier, endpoint, port, …), `PATH`, and telemetry off —
 * never the parent's `AZURE_*` variables or anything else from the developer's shell.
 *
 * @example
 * ```ts
 * const env = hostProcessEnv(emulator.hostEnv(host.id), { AZURE_CLIENT_ID: clientId, APP_CONFIG_ENDPOINT: endpoint })
 * ```
 */
export function hostProcessEnv(
  hostEnv: Readonly<Record<string, string>>,
  deployment: Readonly<Record<string, string>>,
): Record<string, string> {
  return {
    ...(process.env.PATH === undefined ? {} : { PATH: process.env.PATH }),
    ...hostEnv,
    ...deployment,
    AZURE_CORE_COLLECT_TELEMETRY: 'false',
  }
}
