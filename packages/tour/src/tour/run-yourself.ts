import { existsSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderCommand, shellQuote } from '@uami/provision'
import { writeFileAtomic } from '../state/atomic-write.js'
import type { SampleRun } from './run-context.js'

/** The committed launcher of the `uami` command (`packages/tour/bin/uami.js`). */
const LAUNCHER = fileURLToPath(new URL('../../bin/uami.js', import.meta.url))

/**
 * How to start `uami` from `cwd`: `npx uami` where npm links the workspace's bin (the repository, after `npm ci`),
 * otherwise `node <path to the launcher>` — never a bare `npx uami` that would look the name up in the registry.
 *
 * @example
 * ```ts
 * uamiCommand('/work/uami') // ['npx', 'uami']
 * ```
 */
export function uamiCommand(cwd: string = process.cwd()): string[] {
  return existsSync(join(cwd, 'node_modules', '.bin', 'uami')) ? ['npx', 'uami'] : ['node', LAUNCHER]
}

/** A path for a command shown to the reader: relative to `cwd` when inside it, else absolute. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const shown = relative(cwd, path)
  return shown === '' || shown.startsWith('..') || shown.startsWith(sep) ? path : shown
}

/** Where the tour writes the host environment of a sample, for running `uami doctor` yourself. */
export function hostEnvFile(sample: SampleRun): string {
  return join(sample.tour.dir, `${sample.def.id}.env`)
}

/**
 * Writes the sample's host environment (what the emulated host gives the process, and the deployment's settings)
 * as `KEY='value'` lines a POSIX shell can source — owner-only (0600), in the tour's state directory, which git
 * ignores: it holds the emulated host's `IDENTITY_HEADER`, as the emulator's own state does.
 */
export async function writeHostEnvFile(
  sample: SampleRun,
  env: Readonly<Record<string, string>>,
): Promise<string> {
  const path = hostEnvFile(sample)
  const lines = Object.entries(env)
    .filter(([key]) => key !== 'PATH')
    .map(([key, value]) => `${key}=${shellQuote(value)}`)
  await writeFileAtomic(path, `${lines.join('\n')}\n`)
  return path
}

/**
 * The command that runs `uami doctor` yourself, on your machine, with the host's environment — in a subshell, so
 * that nothing of the host stays in your shell: `(set -a && . .uami/<sample>.env && npx uami doctor …)`. It works
 * while the tour (and so the emulator) runs.
 */
export function doctorYourselfCommand(sample: SampleRun, doctorArgs: readonly string[]): string {
  const cwd = process.cwd()
  const doctor = renderCommand([...uamiCommand(cwd), 'doctor', ...doctorArgs])
  return `(set -a && . ${shellQuote(displayPath(hostEnvFile(sample), cwd))} && ${doctor})`
}
