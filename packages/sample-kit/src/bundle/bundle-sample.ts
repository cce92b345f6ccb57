import { stat } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/** Largest bundle accepted: 3 MB (the target), so a deployment stays one small file. */
export const MAX_BUNDLE_BYTES = 3 * 1024 * 1024

/** Options of {@link bundleSample}. */
export interface BundleSampleOptions {
  /** The sample's folder (a path or a `file:` URL), e.g. `new URL('..', import.meta.url)` from `scripts/`. */
  readonly sampleDir: string | URL
  /** The compiled entry, relative to `sampleDir`. Default `dist/server.js` (run `npm run build` first). */
  readonly entry?: string
  /** The output file, relative to `sampleDir`. Default `dist/bundle/server.mjs` (what the deploy assets run). */
  readonly outfile?: string
  /** Size limit in bytes. Default {@link MAX_BUNDLE_BYTES}. */
  readonly maxBytes?: number
}

/** What {@link bundleSample} produced. */
export interface BundleResult {
  /** Absolute path of the bundle. */
  readonly outfile: string
  /** Its size in bytes. */
  readonly bytes: number
  /** The limit it was checked against. */
  readonly maxBytes: number
}

/** Thrown when the entry is missing or the bundle is larger than allowed. */
export class BundleError extends Error {
  override readonly name = 'BundleError' as const
  /** `UAMI_SAMPLE_BUNDLE_NO_ENTRY` or `UAMI_SAMPLE_BUNDLE_TOO_LARGE`. */
  readonly code: 'UAMI_SAMPLE_BUNDLE_NO_ENTRY' | 'UAMI_SAMPLE_BUNDLE_TOO_LARGE'

  constructor(code: BundleError['code'], message: string) {
    super(message)
    this.code = code
  }
}

// Node built-ins stay imports; CommonJS dependencies (fastify, pino, …) call require() for them, which an ES
// module lacks: give the bundle one.
const BANNER =
  "import { createRequire as __uamiCreateRequire } from 'node:module';const require = __uamiCreateRequire(import.meta.url);"

/**
 * Bundles a built sample into one ES module for deployment: `dist/server.js` and everything it imports →
 * `dist/bundle/server.mjs` (Node 22, minified, no `node_modules` needed at run time), with the licences of the
 * bundled packages in `server.mjs.LEGAL.txt` beside it. Fails when the bundle exceeds the size limit.
 *
 * @param options - The sample folder and, optionally, entry, output and limit.
 * @returns The bundle's path and size.
 * @throws {@link BundleError} when the entry does not exist (build first) or the bundle is too large.
 * @example
 * ```ts
 * // samples/vm/scripts/bundle.mjs
 * import { bundleSample, formatBundleResult } from '@uami/sample-kit/bundle'
 * console.log(formatBundleResult(await bundleSample({ sampleDir: new URL('..', import.meta.url) })))
 * ```
 */
export async function bundleSample(options: BundleSampleOptions): Promise<BundleResult> {
  const sampleDir =
    options.sampleDir instanceof URL ? fileURLToPath(options.sampleDir) : resolve(options.sampleDir)
  const entry = join(sampleDir, options.entry ?? 'dist/server.js')
  const outfile = join(sampleDir, options.outfile ?? 'dist/bundle/server.mjs')
  const maxBytes = options.maxBytes ?? MAX_BUNDLE_BYTES
  try {
    await stat(entry)
  } catch {
    throw new BundleError(
      'UAMI_SAMPLE_BUNDLE_NO_ENTRY',
      `${relative(process.cwd(), entry) || entry} does not exist. Build the sample first: npm run build (then npm run bundle).`,
    )
  }
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    legalComments: 'external',
    banner: { js: BANNER },
    // jsonc-parser's "main" is a UMD wrapper whose require() esbuild cannot follow; its ES module build can be.
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    logLevel: 'warning',
  })
  const { size: bytes } = await stat(outfile)
  if (bytes > maxBytes) {
    throw new BundleError(
      'UAMI_SAMPLE_BUNDLE_TOO_LARGE',
      `${relative(process.cwd(), outfile)} is ${formatBytes(bytes)}, more than the limit of ${formatBytes(maxBytes)}. Look for a dependency pulled in by mistake (esbuild --analyze).`,
    )
  }
  return { outfile, bytes, maxBytes }
}

/** `1.23 MB` (1 MB = 1 048 576 bytes). */
export function formatBytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`
}

/**
 * One line for the bundle script's output.
 *
 * @param result - From {@link bundleSample}.
 * @returns e.g. `dist/bundle/server.mjs: 1.23 MB (limit 3.00 MB)`.
 */
export function formatBundleResult(result: BundleResult): string {
  return `${relative(process.cwd(), result.outfile)}: ${formatBytes(result.bytes)} (${result.bytes} bytes; limit ${formatBytes(result.maxBytes)})`
}
