/** Telemetry off in everything the benchmark starts: nothing may leave the machine. */
export const TELEMETRY_OFF: Readonly<Record<string, string>> = {
  AZURE_CORE_COLLECT_TELEMETRY: 'false',
  TURBO_TELEMETRY_DISABLED: '1',
}

/**
 * The environment of a tool the benchmark runs (git, npm, the tour): this process's `PATH`, `HOME` and locale,
 * `TELEMETRY_OFF`, and `extra`. Nothing else is inherited, so no Azure variable of the developer's shell changes
 * what is measured.
 *
 * @param source - This process's environment.
 * @param extra - Variables to add.
 * @returns The whole environment for the child.
 */
export function toolEnvironment(
  source: NodeJS.ProcessEnv,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const name of ['PATH', 'HOME', 'LANG', 'TMPDIR', 'TERM']) {
    const value = source[name]
    if (value !== undefined) env[name] = value
  }
  return { ...env, ...TELEMETRY_OFF, ...extra }
}
