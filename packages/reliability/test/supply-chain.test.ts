import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// The repository's bounded runner (process group killed on a timeout).
import { runBounded } from '../../../scripts/offline-install.mjs'

/**
 * Suite 7: the supply-chain steps of .ci/run. scripts/audit.sh runs `npm audit --omit=dev --audit-level=high`, says
 * so and passes when the registry refuses the audit endpoint (405), and fails on anything else that fails; here it
 * runs against a stand-in `npm` (no registry is asked). secretlint, with the repository's own configuration, finds
 * a planted token and never prints it.
 */

const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const AUDIT = join(REPO, 'scripts/audit.sh')
const SECRETLINT = join(REPO, 'node_modules/secretlint/bin/secretlint.js')

describe('supply chain checks (suite 7)', () => {
  let work: string
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'uami-supply-chain-'))
  })
  afterAll(() => rm(work, { recursive: true, force: true }))

  /** Runs scripts/audit.sh with an `npm` that prints `output` and exits with `code` (and records its arguments). */
  const audit = async (output: string, code: number) => {
    const bin = await mkdtemp(join(work, 'bin-'))
    await writeFile(
      join(bin, 'npm'),
      `#!/bin/sh\necho "$@" > "${bin}/args"\nprintf '%s\\n' '${output.replaceAll("'", "'\\''")}' >&2\nexit ${code}\n`,
    )
    await chmod(join(bin, 'npm'), 0o755)
    const result = await runBounded('bash', [AUDIT], {
      cwd: work,
      env: { PATH: `${bin}:${process.env.PATH ?? ''}` },
      timeoutMs: 30_000,
    }).then(
      ({ stdout, stderr }) => ({ ok: true, text: stdout + stderr }),
      (error: Error) => ({ ok: false, text: error.message }),
    )
    return { ...result, args: (await readFile(join(bin, 'args'), 'utf8')).trim() }
  }

  it('audit.sh audits the production dependencies and fails on high or critical advisories', async () => {
    const clean = await audit('found 0 vulnerabilities', 0)
    expect(clean.args).toBe('audit --omit=dev --audit-level=high')
    expect(clean.ok).toBe(true)
    expect(clean.text).toContain('audit: production dependencies, no high or critical advisory')
    const advisory = await audit('1 high severity vulnerability\nfix available via `npm audit fix`', 1)
    expect(advisory.ok).toBe(false)
    expect(advisory.text).toContain('1 high severity vulnerability')
  })

  it('audit.sh says the audit was refused, and passes, when the registry answers 405 to the advisories endpoint', async () => {
    const refused = await audit(
      'npm warn audit 405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk\nnpm error audit endpoint returned an error',
      1,
    )
    expect(refused.ok).toBe(true)
    expect(refused.text).toContain(
      "audit: the registry refused npm's audit endpoint (405); not audited here — the GitHub workflow audits",
    )
  })

  it('audit.sh fails on any other failure (a network error, a 500)', async () => {
    for (const output of [
      'npm error code ECONNREFUSED',
      'npm warn audit 500 Internal Server Error - POST https://registry.example/-/npm/v1/security/advisories/bulk',
    ]) {
      const failed = await audit(output, 1)
      expect(failed.ok, output).toBe(false)
      expect(failed.text).not.toContain('not audited here')
    }
  })

  it("secretlint with the repository's configuration finds a planted token and masks it", async () => {
    const project = join(work, 'planted')
    await mkdir(project)
    // Built at run time, so that this file itself holds no token-shaped string.
    const token = `ghp_${'A1b2C3d4E5'.repeat(3)}f6G7h8`
    await writeFile(join(project, 'config.txt'), `GITHUB_TOKEN=${token}\n`)
    await writeFile(join(project, 'clean.txt'), 'nothing to see\n')
    const run = (file: string) =>
      runBounded(
        process.execPath,
        [SECRETLINT, '--secretlintrc', join(REPO, '.secretlintrc.json'), '--maskSecrets', file],
        { cwd: project, timeoutMs: 60_000 },
      ).then(
        () => ({ ok: true, text: '' }),
        (error: Error) => ({ ok: false, text: error.message }),
      )
    const planted = await run('config.txt')
    expect(planted.ok).toBe(false)
    expect(planted.text).toMatch(/GITHUB_TOKEN|GitHub/)
    expect(planted.text).not.toContain(token)
    expect((await run('clean.txt')).ok).toBe(true)
  })
})
