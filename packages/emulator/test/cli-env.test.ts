import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.ts'
import { runCli } from './helpers/cli.ts'
import { startTestEmulator } from './helpers/emulator.ts'
import { seedHost, seedIdentity } from './helpers/seed.ts'

describe('uami-emulator env', () => {
  let root: string
  let stateDir: string
  let emulator: RunningEmulator
  const hosts: Record<'site' | 'containerApp' | 'virtualMachine', string> = {
    site: '',
    containerApp: '',
    virtualMachine: '',
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'uami-cli-env-'))
    stateDir = join(root, 'state')
    // The emulator runs in this (test) process; the CLI reads its state from another process.
    emulator = await startTestEmulator({ stateDir })
    const identity = await seedIdentity(emulator, 'id-env')
    hosts.site = await seedHost(emulator, { kind: 'site', name: 'web-env', identities: [identity.id] })
    hosts.containerApp = await seedHost(emulator, {
      kind: 'containerApp',
      name: 'ca-env',
      identities: [identity.id],
    })
    hosts.virtualMachine = await seedHost(emulator, {
      kind: 'virtualMachine',
      name: 'vm-env',
      identities: [identity.id],
    })
  })
  afterAll(async () => {
    await emulator.stop()
    await rm(root, { recursive: true, force: true })
  })

  it.each(['site', 'containerApp', 'virtualMachine'] as const)(
    'prints the %s environment as dotenv lines equal to hostEnv(), while the emulator runs in another process',
    async (kind) => {
      const result = await runCli(['env', hosts[kind], '--state', stateDir])
      expect(result).toMatchObject({ code: 0, stderr: '' })
      expect(
        result.stdout
          .trim()
          .split('\n')
          .every((line) => /^[A-Z_]+=/.test(line)),
      ).toBe(true)
      expect(parseEnv(result.stdout)).toEqual(emulator.hostEnv(hosts[kind]))
    },
  )

  it('reads the default state directory .uami/emulator relative to the current directory', async () => {
    const result = await runCli(['env', hosts.virtualMachine], { cwd: root })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(join(root, '.uami', 'emulator'))
  })

  it('exits 1 with a coded message for an unknown host and for an ID that is not a host', async () => {
    const unknown = await runCli(['env', hosts.site.replace('web-env', 'web-missing'), '--state', stateDir])
    expect(unknown).toMatchObject({ code: 1, stdout: '' })
    expect(unknown.stderr).toContain('The emulator has no host')
    const malformed = await runCli(['env', '/subscriptions/x/resourceGroups/rg', '--state', stateDir])
    expect(malformed).toMatchObject({ code: 1, stdout: '' })
    expect(malformed.stderr).toContain('is not a host resource ID')
    for (const result of [unknown, malformed]) expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('exits 1 when the state directory holds no state, and names the start command', async () => {
    const result = await runCli(['env', hosts.site, '--state', join(root, 'empty')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('uami-emulator start --state')
  })

  it('exits 1 with the StateFileError message for a corrupt state file', async () => {
    const dir = join(root, 'corrupt')
    await mkdir(dir)
    await writeFile(join(dir, 'state.json'), '[]')
    const result = await runCli(['env', hosts.site, '--state', dir])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('is not a uami emulator state')
  })

  it('still prints the environment when the emulator is stopped, and warns on stderr', async () => {
    const expected = emulator.hostEnv(hosts.site)
    await emulator.stop()
    const result = await runCli(['env', hosts.site, '--state', stateDir])
    expect(result.code).toBe(0)
    expect(parseEnv(result.stdout)).toEqual(expected)
    expect(result.stderr).toContain('no emulator is running')
  })
})
