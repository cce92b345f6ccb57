import { createRequire } from 'node:module'
import type { Writable } from 'node:stream'
import { isTourError } from '../errors/tour-error.js'
import { parseCliArgs } from './args.js'
import { USAGE } from './usage.js'

/**
 * The `uami` command line: parses `argv` and runs the tour or the doctor. The doctor's module graph is loaded
 * only for `uami doctor`, and the tour's (ARM clients, emulator) only for the tour, so each starts quickly.
 *
 * @param argv - Arguments without `node` and the script.
 * @returns The exit code.
 */
export async function main(
  argv: readonly string[],
  output: Writable = process.stdout,
  errors: Writable = process.stderr,
): Promise<number> {
  try {
    const args = parseCliArgs(argv)
    switch (args.command) {
      case 'help':
        output.write(USAGE)
        return 0
      case 'version': {
        const pkg = createRequire(import.meta.url)('../../package.json') as { version: string }
        output.write(`${pkg.version}\n`)
        return 0
      }
      case 'doctor': {
        const { doctorCommand } = await import('./doctor-command.js')
        return await doctorCommand(args, output)
      }
      case 'tour': {
        const { tourCommand } = await import('./tour-command.js')
        return await tourCommand(args, output)
      }
    }
  } catch (error) {
    if (isTourError(error)) {
      errors.write(`${error.code}: ${error.message}\n`)
      return error.exitCode
    }
    const code = (error as { code?: unknown }).code
    if (error instanceof Error && typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) {
      // A coded error from @uami/credential, @uami/provision or @uami/emulator: its message says what to do.
      errors.write(`${code}: ${error.message}\n`)
      return 1
    }
    errors.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    return 1
  }
}
