import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const QUIET = fileURLToPath(new URL('../../../scripts/quiet.mjs', import.meta.url))

async function quiet(script: string) {
  const result = await execa(process.execPath, [QUIET, process.execPath, '-e', script], {
    reject: false,
    stdin: 'ignore',
  })
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) }
}

describe('npm start', () => {
  it("builds the tour without turbo's banner: the build's output is shown only when it fails", async () => {
    const start = (
      JSON.parse(await readFile(`${ROOT}package.json`, 'utf8')) as { scripts: { start: string } }
    ).scripts.start
    expect(start).toMatch(/&& node scripts\/quiet\.mjs turbo run build --filter=@uami\/tour\.\.\. /)
    expect(start).toMatch(/&& node packages\/tour\/dist\/bin\/uami\.js$/)
  })

  it('scripts/quiet.mjs keeps a successful command silent (the banner and "Tasks:" summary of turbo)', async () => {
    const result = await quiet("console.log('• turbo 2.11.11'); console.error(' Tasks: 8 successful')")
    expect(result).toEqual({ exitCode: 0, stdout: '', stderr: '' })
  })

  it('scripts/quiet.mjs shows everything a failing command printed, and exits with its code', async () => {
    const result = await quiet(
      "console.log('src/a.ts(1,1): error TS2304'); console.error('build failed'); process.exit(3)",
    )
    expect(result.exitCode).toBe(3)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('src/a.ts(1,1): error TS2304')
    expect(result.stderr).toContain('build failed')
  })
})
