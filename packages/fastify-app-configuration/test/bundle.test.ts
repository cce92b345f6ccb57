import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BundleError, bundleSample, formatBundleResult, MAX_BUNDLE_BYTES } from '../src/bundle/index.ts'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'uami-bundle-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function writeEntry(source: string): Promise<void> {
  await mkdir(join(dir, 'dist'), { recursive: true })
  await writeFile(join(dir, 'dist', 'server.js'), source)
}

describe('bundleSample', () => {
  it('writes one ES module to dist/bundle/server.mjs that runs with node, and reports its size', async () => {
    await writeEntry(
      ["import { EOL } from 'node:os'", 'process.stdout.write("bundled " + typeof require + EOL)', ''].join(
        '\n',
      ),
    )
    const result = await bundleSample({ sampleDir: dir })
    expect(result.outfile).toBe(join(dir, 'dist', 'bundle', 'server.mjs'))
    expect(result.maxBytes).toBe(MAX_BUNDLE_BYTES)
    expect(formatBundleResult(result)).toMatch(/server\.mjs: 0\.00 MB \(\d+ bytes; limit 3\.00 MB\)$/)
    // The banner gives CommonJS dependencies a require().
    expect(execFileSync(process.execPath, [result.outfile], { encoding: 'utf8' })).toBe('bundled function\n')
  })

  it('fails with UAMI_SAMPLE_BUNDLE_NO_ENTRY and the build command when the sample is not built', async () => {
    const error = await bundleSample({ sampleDir: dir }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(BundleError)
    expect(error).toMatchObject({ code: 'UAMI_SAMPLE_BUNDLE_NO_ENTRY' })
    expect((error as Error).message).toContain('npm run build')
  })

  it('fails with UAMI_SAMPLE_BUNDLE_TOO_LARGE above the limit', async () => {
    await writeEntry(`export const text = ${JSON.stringify('x'.repeat(2_000))}\n`)
    const error = await bundleSample({ sampleDir: dir, maxBytes: 1_000 }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'UAMI_SAMPLE_BUNDLE_TOO_LARGE' })
    expect((error as Error).message).toMatch(/is 0\.00 MB, more than the limit of 0\.00 MB/)
  })
})
