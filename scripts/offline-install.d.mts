export function runBounded(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<{ stdout: string; stderr: string }>

export function offlineInstall(options: {
  project: string
  /** workspace package name → absolute path of its packed tarball */
  tarballs: Record<string, string>
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  timeoutMs: number
}): Promise<{ stdout: string; stderr: string }>
