import { isUamiCredentialError } from '@uami/credential'
import { isSampleKitError } from '../errors/sample-kit-error.js'

/** Where {@link exitOnConfigError} writes and how it exits; replaced in tests. */
export interface ExitTarget {
  /** Writes one line. Default: standard error. */
  readonly write: (line: string) => void
  /** Ends the process. Default: `process.exit`. */
  readonly exit: (code: number) => never
}

const processTarget: ExitTarget = {
  write: (line) => process.stderr.write(line),
  exit: (code) => process.exit(code),
}

/**
 * Runs the environment check and, when it throws a coded configuration error (the sample kit's or
 * `@uami/credential`'s), prints `CODE: message` on standard error — no stack trace — and exits with code 1 at
 * once. Any other error is rethrown (a bug, which deserves its stack).
 *
 * @param read - The check, e.g. the sample's `readEnv`.
 * @param target - Where to write and how to exit. Default: standard error and `process.exit`.
 * @returns What `read` returned.
 * @example
 * ```ts
 * const env = exitOnConfigError(readEnv)
 * ```
 */
export function exitOnConfigError<T>(read: () => T, target: ExitTarget = processTarget): T {
  try {
    return read()
  } catch (error) {
    if (isSampleKitError(error) || isUamiCredentialError(error)) {
      target.write(`${error.code}: ${error.message}\n`)
      return target.exit(1)
    }
    throw error
  }
}
