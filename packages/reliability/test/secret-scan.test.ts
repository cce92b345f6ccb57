import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findLeaks } from '@uami/sample-testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// The repository's bounded runner (process group killed on a timeout).
import { runBounded } from '../../../scripts/offline-install.mjs'
import { count } from './helpers/samples.ts'

/**
 * Suite 4: the non-interactive tour (`npm start` without a terminal: the emulator, all three samples, the doctor)
 * with all its output captured — standard output, standard error and every file it writes besides the emulator's
 * own state and keys — holds no JWT, no IDENTITY_HEADER value, no client secret and no Authorization header. The
 * secret values are read from the emulator's state after the run. (The samples' end-to-end suites scan their
 * children's output after every test, and the suites of this package scan every sample log line and response.)
 */

const UAMI = fileURLToPath(new URL('../../tour/dist/bin/uami.js', import.meta.url))
/** The emulator's state and keys hold the secrets by design: they are the source of the values looked for. */
// The local secret stores, owner-only: the emulator's state, and the host environment the tour writes for running
// the doctor yourself (`.uami/<sample>.env`, the emulated host's IDENTITY_HEADER; checked to be mode 0600 below).
const SECRET_STORE = /^\.uami\/(emulator\/(state\.json|.*\.pem|.*\.jwk\.json)|[a-z-]+\.env)$/
const HOST_ENV_FILE = /^\.uami\/[a-z-]+\.env$/

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

describe('secret scanning of the non-interactive tour (suite 4)', () => {
  let work: string
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'uami-secret-scan-'))
  })
  afterAll(() => rm(work, { recursive: true, force: true }))

  it('runs every step for all three samples and writes no token, IDENTITY_HEADER, client secret or Authorization header anywhere', async () => {
    const { stdout, stderr } = await runBounded(process.execPath, [UAMI], {
      cwd: work,
      env: { PATH: process.env.PATH ?? '', HOME: work, CI: 'true', NO_COLOR: '1' },
      timeoutMs: 150_000,
    })
    expect(stdout).toContain('Every step verified.')

    const state = JSON.parse(await readFile(join(work, '.uami/emulator/state.json'), 'utf8')) as {
      developer: { clientSecret: string }
      hosts: Record<string, { identityHeader?: string }>
    }
    const identityHeaders = Object.values(state.hosts)
      .map((host) => host.identityHeader)
      .filter((value): value is string => typeof value === 'string' && value !== '')
    // One per host the tour created (the App Service app and the container app use theirs).
    expect(identityHeaders.length).toBeGreaterThanOrEqual(2)
    const secrets = [state.developer.clientSecret, ...identityHeaders]

    const scanned: Array<{ name: string; lines: string[] }> = [
      { name: 'stdout', lines: stdout.split('\n') },
      { name: 'stderr', lines: stderr.split('\n') },
    ]
    for (const file of await filesUnder(work)) {
      const name = relative(work, file)
      if (HOST_ENV_FILE.test(name)) expect(((await stat(file)).mode & 0o777).toString(8), name).toBe('600')
      if (SECRET_STORE.test(name)) continue
      scanned.push({ name, lines: (await readFile(file, 'utf8')).split('\n') })
    }
    const leaks = scanned.flatMap(({ name, lines }) =>
      findLeaks(lines, { secrets }).map((leak) => `${name} ${leak}`),
    )
    expect(leaks).toEqual([])
    const lines = scanned.reduce((sum, { lines }) => sum + lines.length, 0)
    expect(scanned.map(({ name }) => name)).toEqual(expect.arrayContaining(['.uami/tour.json']))
    console.log(
      `secret scan: tour stdout, stderr and ${scanned.length - 2} written files (${count(lines)} lines) against ${secrets.length} secret values, JWTs and Authorization headers: 0 leaks`,
    )
  })
})
