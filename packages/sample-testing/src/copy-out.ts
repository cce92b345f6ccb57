import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
// The repository's offline installer (a plain script in scripts/, shared with the credential packaging test).
import { offlineInstall, runBounded } from '../../../scripts/offline-install.mjs'

const REPO = fileURLToPath(new URL('../../../', import.meta.url))

/** The publishable packages a sample installs from their packed tarballs, and their folders. */
const PUBLISHED = {
  '@uami/credential': 'packages/credential',
  '@uami/fastify-app-configuration': 'packages/fastify-app-configuration',
} as const

/** What a sample is made of outside the repository: everything a user copies. */
const SAMPLE_FILES = ['src', 'scripts', 'package.json', 'tsconfig.build.json', 'README.md']

/** A sample copied out of the repository, installed and built. */
export interface CopiedSample {
  /** The copy's folder (pass it as `sampleDir` to `spawnSample`). */
  readonly dir: string
  /** Removes the copy and the tarballs. Call it after every process started from the copy has stopped. */
  remove(): Promise<void>
}

/**
 * Copies a sample folder out of the repository into a temporary folder the way a user would lift it, installs
 * `@uami/credential` and `@uami/fastify-app-configuration` from tarballs packed from this checkout and every other
 * dependency from the npm cache that `npm ci` filled (`npm ci --offline`: no registry access), and builds it with
 * the TypeScript it installed. Its tests and the repository's tooling are not copied.
 *
 * @param sampleDir - The sample's folder in the repository.
 * @param timeoutMs - Budget for each command (each runs in its own process group, killed whole on a timeout).
 * @returns The built copy.
 */
export async function copySampleOut(sampleDir: string | URL, timeoutMs = 240_000): Promise<CopiedSample> {
  const source = sampleDir instanceof URL ? fileURLToPath(sampleDir) : sampleDir
  const work = await mkdtemp(join(tmpdir(), 'uami-copy-out-'))
  const remove = () => rm(work, { recursive: true, force: true })
  try {
    const dir = join(work, 'sample')
    await mkdir(dir)
    for (const name of SAMPLE_FILES) await cp(join(source, name), join(dir, name), { recursive: true })
    const tarballs: Record<string, string> = {}
    for (const [name, folder] of Object.entries(PUBLISHED)) {
      const { stdout } = await runBounded('npm', ['pack', '--json', '--pack-destination', work], {
        cwd: join(REPO, folder),
        timeoutMs,
      })
      const [packed] = JSON.parse(stdout) as Array<{ filename: string }>
      if (packed === undefined) throw new Error(`npm pack printed nothing for ${name}`)
      tarballs[name] = join(work, packed.filename)
    }
    // Only what building and running need: the copy's own devDependencies (TypeScript, types, esbuild).
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>
    await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    await offlineInstall({ project: dir, tarballs, timeoutMs })
    await runBounded(
      process.execPath,
      [join(dir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: dir,
        timeoutMs,
      },
    )
    return { dir, remove }
  } catch (error) {
    await remove()
    throw error
  }
}
