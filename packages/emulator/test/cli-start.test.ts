import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parseEnv } from 'node:util'
import { ClientSecretCredential } from '@azure/identity'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { packageDir } from './helpers/child.ts'
import { runCli, spawnCli, startCliEmulator, waitFor } from './helpers/cli.ts'
import { trustLocalCa } from './helpers/emulator.ts'

describe('uami-emulator start', () => {
  let root: string
  const stateDir = () => mkdtemp(join(root, 'state-'))

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'uami-cli-'))
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  it('with --json prints exactly one JSON line with the contract, runs until SIGTERM, then exits 0', async () => {
    const dir = await stateDir()
    const cli = await startCliEmulator(['--state', dir])
    expect(cli.info).toEqual({
      armEndpoint: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
      authorityHost: cli.info.armEndpoint,
      identityEndpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      tenantId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      subscriptionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      developer: {
        clientId: expect.any(String),
        clientSecret: expect.any(String),
        objectId: expect.any(String),
      },
      caCertPath: join(dir, 'ca.pem'),
      stateDir: dir,
    })

    // The printed values work with the real SDK.
    trustLocalCa(cli.info.caCertPath)
    const credential = new ClientSecretCredential(
      cli.info.tenantId,
      cli.info.developer.clientId,
      cli.info.developer.clientSecret,
      { authorityHost: cli.info.authorityHost, disableInstanceDiscovery: true },
    )
    const token = await credential.getToken('https://management.azure.com/.default')
    expect(decodeJwt(token.token).tid).toBe(cli.info.tenantId)

    expect(await cli.stop('SIGTERM')).toEqual({ code: 0, signal: null })
    expect(cli.stdout().trim().split('\n')).toHaveLength(1)
  })

  it('stops cleanly on SIGINT (Ctrl+C) too, and restarts on the same state with the same tenant, developer and ports', async () => {
    const dir = await stateDir()
    const first = await startCliEmulator(['--state', dir])
    expect(await first.stop('SIGINT')).toEqual({ code: 0, signal: null })
    const second = await startCliEmulator(['--location', dir])
    try {
      expect(second.info).toEqual(first.info)
    } finally {
      await second.stop()
    }
  })

  it('uses .uami/emulator under the current directory by default', async () => {
    const cwd = await stateDir()
    const cli = await startCliEmulator([], { cwd })
    await cli.stop()
    expect(cli.info.stateDir).toBe(join(cwd, '.uami', 'emulator'))
    expect((await stat(join(cwd, '.uami', 'emulator', 'state.json'))).isFile()).toBe(true)
  })

  it('without --json prints a summary with NODE_EXTRA_CA_CERTS and the Azure CLI commands, but never the client secret', async () => {
    const dir = await stateDir()
    const cli = await spawnCli(['--state', dir])
    await waitFor(() => cli.stdout().includes('Ctrl+C'))
    const developerEnv = parseEnv(await readFile(join(dir, 'developer.env'), 'utf8'))
    const secret = developerEnv.AZURE_CLIENT_SECRET ?? ''
    expect(secret).not.toBe('')
    expect((await stat(join(dir, 'developer.env'))).mode & 0o077).toBe(0)
    expect(developerEnv).toMatchObject({ AZURE_TOKEN_CREDENTIALS: 'EnvironmentCredential' })

    const summary = cli.stdout()
    expect(summary).toContain(`export NODE_EXTRA_CA_CERTS=${join(dir, 'ca.pem')}`)
    expect(summary).toContain('az cloud register --name UamiLocal')
    expect(summary).toContain('--tenant adfs')
    expect(summary).toContain(developerEnv.AZURE_CLIENT_ID)
    expect(await cli.stop()).toEqual({ code: 0, signal: null })
    expect(cli.stdout() + cli.stderr()).not.toContain(secret)
  })

  it('prints an access log line per request without the query string, unless --silent', async () => {
    const dir = await stateDir()
    for (const silent of [false, true]) {
      const cli = await spawnCli(['--state', dir, ...(silent ? ['--silent'] : [])])
      await waitFor(() => cli.stdout().includes('Ctrl+C'))
      const identity = /Identity endpoints\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(cli.stdout())?.[1]
      const response = await fetch(
        `${identity}/hnokey/msi/token?api-version=2019-08-01&resource=secret-looking`,
      )
      expect(response.status).toBe(400)
      if (!silent) await waitFor(() => cli.stdout().includes('/hnokey/msi/token'))
      await cli.stop()
      const logged = cli.stdout().includes('msi       400 GET /hnokey/msi/token')
      expect(logged).toBe(!silent)
      expect(cli.stdout()).not.toContain('secret-looking')
    }
  })

  it('refuses a second emulator on the same state directory (exit 1, says which pid holds it)', async () => {
    const dir = await stateDir()
    const first = await startCliEmulator(['--state', dir])
    try {
      const second = await runCli(['start', '--json', '--state', dir])
      expect(second.code).toBe(1)
      expect(second.stdout).toBe('')
      expect(second.stderr).toContain(`pid ${first.child.pid}`)
      expect(second.stderr).not.toMatch(/\n\s+at /)
    } finally {
      await first.stop()
    }
  })

  it('exits 1 with a clear message when a port is in use', async () => {
    const blocker: Server = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as { port: number }
    try {
      const result = await runCli([
        'start',
        '--json',
        '--state',
        await stateDir(),
        '--arm-port',
        String(port),
      ])
      expect(result.code).toBe(1)
      expect(result.stdout).toBe('')
      expect(result.stderr).toContain(`port ${port} (--arm-port) is already in use`)
      expect(result.stderr).not.toMatch(/\n\s+at /)
    } finally {
      blocker.close()
    }
  })

  it('exits 1 with the StateFileError message for a corrupt state file, and leaves the file alone', async () => {
    const dir = await stateDir()
    await writeFile(join(dir, 'state.json'), '{"schemaVersion": 1, "tenantId": ')
    const result = await runCli(['start', '--json', '--state', dir])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `The emulator state file ${join(dir, 'state.json')} cannot be used: it is not valid JSON`,
    )
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(await readFile(join(dir, 'state.json'), 'utf8')).toBe('{"schemaVersion": 1, "tenantId": ')
  })

  it.each([
    [['start', '--bogus'], "Unknown option '--bogus'"],
    [['start', '--arm-port', 'eighty'], '--arm-port must be a port number'],
    [['start', '--propagation-delay', '-5'], '--propagation-delay'],
    [['start', '--state'], '--state'],
    [['start', 'extra'], 'start takes no arguments'],
    [['env'], 'env needs the host resource ID'],
    [['launch'], "Unknown command 'launch'"],
    [[], 'Missing command'],
  ])('exits 2 with the usage for %j', async (args, message) => {
    const result = await runCli(args)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(message)
    expect(result.stderr).toContain('Usage: uami-emulator <command>')
  })

  it('is runnable as `npx uami-emulator` from the repository root (the workspace bin link)', async () => {
    const repoRoot = join(packageDir, '..', '..')
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(
        'npx',
        ['--no-install', 'uami-emulator', '--version'],
        { cwd: repoRoot, env: { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` } },
        (error, stdout) => resolve({ code: error ? 1 : 0, stdout }),
      )
    })
    const pkg = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { version: string }
    expect(result).toEqual({ code: 0, stdout: `${pkg.version}\n` })
  })

  it('prints the help and the version, exit 0', async () => {
    const help = await runCli(['--help'])
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: uami-emulator <command>') })
    const startHelp = await runCli(['start', '-h'])
    expect(startHelp.stdout).toBe(help.stdout)
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string
    }
    expect(await runCli(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` })
  })
})
