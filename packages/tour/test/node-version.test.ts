import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { UAMI_BIN } from './helpers/cli.ts'

// With Node.js 20 first on PATH, `npm ci && npm start` used to end in execa's `TEXT_ENCODINGS.union is not a
// function`. The check runs before anything is imported; these runs fake Node.js 20 with a preloaded module.
const FAKE_NODE_20 = fileURLToPath(new URL('fixtures/fake-node-20.cjs', import.meta.url))
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

async function run(file: string, args: readonly string[], env: Record<string, string> = {}) {
  const result = await execa(file, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    timeout: 60_000,
  })
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) }
}

function expectRefused(result: { exitCode: number | undefined; stderr: string }, command: string) {
  expect(result.exitCode).toBe(1)
  expect(result.stderr).toMatch(
    new RegExp(
      `^UAMI_NODE_TOO_OLD: ${command} needs Node\\.js 22\\.19 or later; this is Node\\.js 20\\.19\\.0 \\(`,
      'm',
    ),
  )
  expect(result.stderr).toContain('`nvm install` in the repository (it reads .nvmrc)')
  expect(result.stderr).toContain('https://nodejs.org/en/download')
  expect(result.stderr).not.toMatch(/^\s+at /m)
  expect(result.stderr).not.toContain('TypeError')
}

describe('the Node.js version check', () => {
  it('uami on Node.js 20: one coded message naming both versions and how to upgrade, exit code 1', async () => {
    expectRefused(await run(process.execPath, ['-r', FAKE_NODE_20, UAMI_BIN, 'doctor', '--help']), 'uami')
  })

  it('npm start at the repository root on Node.js 20: refused before turbo builds anything', async () => {
    const result = await run('npm', ['start', '--silent'], {
      NODE_OPTIONS: `--require=${FAKE_NODE_20}`,
      npm_config_update_notifier: 'false',
      TURBO_TELEMETRY_DISABLED: '1',
    })
    expect(result.exitCode).not.toBe(0)
    expectRefused({ exitCode: 1, stderr: result.stderr }, 'npm start')
    expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/turbo|Tasks:/i)
  })

  it('lets the current Node.js through: uami --help prints the usage', async () => {
    const result = await run(process.execPath, [UAMI_BIN, '--help'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toMatch(/^Usage\n {2}uami \[tour\]/m)
    expect(result.stderr).not.toContain('UAMI_NODE_TOO_OLD')
  })
})
