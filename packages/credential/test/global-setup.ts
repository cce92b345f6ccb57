import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const packageDir = fileURLToPath(new URL('..', import.meta.url))

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/**
 * The end-to-end tests run the BUILT package in child processes. Turbo builds before testing; when the tests are
 * run on their own and dist is missing or older than src, build it first so they never test stale code.
 */
export default function setup(): void {
  let built = 0
  try {
    built = statSync(join(packageDir, 'dist', 'index.js')).mtimeMs
  } catch {
    built = 0
  }
  if (built < newestMtime(join(packageDir, 'src'))) {
    execFileSync(
      process.execPath,
      [join(packageDir, '../../node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: packageDir,
        stdio: 'inherit',
      },
    )
  }
}
