import { readdir, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { execa } from 'execa'
import { toolEnvironment } from './child-env.js'
import type { BenchContext } from './measurement.js'
import { type BenchSample, repoRoot } from './repo.js'

const require = createRequire(import.meta.url)

/** A sample's deployable single file, `dist/bundle/server.mjs`. */
export function bundlePath(sample: BenchSample): string {
  return join(sample.dir, 'dist', 'bundle', 'server.mjs')
}

/**
 * What a bundle is made of: the sample's compiled files, the built workspace packages it bundles, and the lock
 * file (for third-party versions).
 */
function bundleInputs(sample: BenchSample): string[] {
  const workspaceDist = (name: string) => join(dirname(require.resolve(`${name}/package.json`)), 'dist')
  return [
    join(sample.dir, 'dist'),
    workspaceDist('@uami/fastify-app-configuration'),
    workspaceDist('@uami/credential'),
    join(repoRoot, 'package-lock.json'),
  ]
}

/** The newest modification time among the files under `path` (a file or folder), skipping `bundle` folders. */
async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined)
  if (info === undefined) return 0
  if (!info.isDirectory()) return info.mtimeMs
  let newest = 0
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name === 'bundle') continue
    newest = Math.max(newest, await newestMtime(join(path, entry.name)))
  }
  return newest
}

/**
 * Whether the bundle is missing or older than one of its inputs.
 *
 * @param sample - The sample.
 * @returns `true` when `npm run bundle` must run.
 */
export async function bundleIsStale(sample: BenchSample): Promise<boolean> {
  const bundle = await stat(bundlePath(sample)).catch(() => undefined)
  if (bundle === undefined) return true
  const inputs = await Promise.all(bundleInputs(sample).map(newestMtime))
  return inputs.some((mtime) => mtime > bundle.mtimeMs)
}

/**
 * Runs `npm run bundle -w <sample>` when the bundle is missing or stale, so the bundle measured and started is
 * the current code.
 *
 * @param sample - The sample.
 * @param context - For progress lines.
 * @returns Whether it bundled.
 * @throws The npm error (with its output) when bundling fails.
 */
export async function ensureBundle(
  sample: BenchSample,
  context: Pick<BenchContext, 'progress'>,
): Promise<boolean> {
  if (!(await bundleIsStale(sample))) return false
  context.progress(`  bundling ${sample.def.packageName} (missing or older than its inputs)`)
  await execa('npm', ['run', 'bundle', '-w', sample.def.packageName], {
    cwd: repoRoot,
    env: toolEnvironment(process.env),
    extendEnv: false,
    stdin: 'ignore',
  })
  return true
}
