import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import { runCli } from './helpers/cli.ts'
import { startTestEmulator } from './helpers/emulator.ts'

/**
 * `uami-emulator az -- <args>` with a stand-in `az` first on PATH (a script that records its arguments and the
 * environment it got): the helper's setup and isolation are checked without the real Azure CLI. The real CLI is
 * exercised by `npm run check:az`.
 */
describe('uami-emulator az', () => {
  let root: string
  let stateDir: string
  let bin: string
  let emulator: RunningEmulator

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'uami-cli-az-'))
    stateDir = join(root, 'state')
    bin = join(root, 'bin')
    emulator = await startTestEmulator({ stateDir })
    await import('node:fs/promises').then((fs) => fs.mkdir(bin))
    const fake = join(bin, 'az')
    await writeFile(
      fake,
      `#!/bin/sh
{ printf 'ARGS'; for a in "$@"; do printf ' [%s]' "$a"; done; printf '\\n'
  printf 'ENV %s|%s|%s|%s|%s|%s\\n' "$AZURE_CONFIG_DIR" "$AZURE_CORE_COLLECT_TELEMETRY" "$AZURE_CORE_ERROR_RECOMMENDATION" "$HTTPS_PROXY" "$NO_PROXY" "$PYTHONPATH"
} >> "${root}/calls.log"
exit 0
`,
    )
    await chmod(fake, 0o755)
  })
  afterAll(async () => {
    await emulator.stop()
    await rm(root, { recursive: true, force: true })
  })

  const env = () => ({ PATH: `${bin}:${process.env.PATH ?? ''}` })

  it('registers the cloud, signs in once as the developer with tenant adfs, then passes the arguments through', async () => {
    const first = await runCli(['az', '--state', stateDir, '--', 'group', 'list', '-o', 'table'], {
      env: env(),
    })
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const second = await runCli(['az', '--state', stateDir, '--', 'identity', 'list'], { env: env() })
    expect(second.code).toBe(0)
    const log = await readFile(join(root, 'calls.log'), 'utf8')
    const calls = log.split('\n').filter((line) => line.startsWith('ARGS'))
    expect(calls.filter((line) => line.includes('[login]'))).toHaveLength(1)
    expect(log).toContain(`[login] [--service-principal] [-u] [${emulator.developer.clientId}]`)
    expect(log).toContain('[--tenant] [adfs]')
    expect(log).toContain('[cloud] [register] [--name] [UamiLocal] [--cloud-config]')
    expect(log).toContain(`[account] [set] [--subscription] [${emulator.subscriptionId}]`)
    expect(calls.at(-2)).toBe('ARGS [group] [list] [-o] [table]')
    expect(calls.at(-1)).toBe('ARGS [identity] [list]')
    const cloud = JSON.parse(await readFile(join(stateDir, 'az', 'uami-cloud.json'), 'utf8'))
    expect(cloud.endpoints).toMatchObject({
      resourceManager: `${emulator.armEndpoint}/`,
      activeDirectory: emulator.armEndpoint,
      microsoftGraphResourceId: `${emulator.armEndpoint}/`,
    })
    for (const line of log.split('\n').filter((l) => l.startsWith('ENV'))) {
      const [configDir, telemetry, recommendation, proxy, noProxy, pythonPath] = line.slice(4).split('|')
      expect(configDir).toBe(join(stateDir, 'az'))
      expect([telemetry, recommendation, proxy, noProxy]).toEqual([
        'false',
        'off',
        'http://127.0.0.1:9',
        '127.0.0.1,localhost',
      ])
      expect(pythonPath).toMatch(/\/az\/?$/)
    }
    // The secret is passed to az, never printed.
    expect(first.stdout + second.stdout + first.stderr).not.toContain(emulator.developer.clientSecret)
  })

  it('explains a state that was never served, and a missing --', async () => {
    const missing = await runCli(['az', '--state', join(root, 'none'), '--', 'group', 'list'], { env: env() })
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('Start the emulator first')
    const usage = await runCli(['az', 'group', 'list'], { env: env() })
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('after --')
  })
})
