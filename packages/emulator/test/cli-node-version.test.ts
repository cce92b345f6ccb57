import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const LAUNCHER = fileURLToPath(new URL('../bin/uami-emulator.js', import.meta.url))
const FAKE_NODE_20 = fileURLToPath(new URL('fixtures/fake-node-20.cjs', import.meta.url))

describe('uami-emulator on an older Node.js', () => {
  it('says which Node.js it needs and how to get it, with exit code 1 and no stack trace', async () => {
    const refused = await promisify(execFile)(process.execPath, ['-r', FAKE_NODE_20, LAUNCHER, 'start'], {
      timeout: 30_000,
      env: { PATH: process.env.PATH ?? '' },
    }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    )
    expect(refused?.code).toBe(1)
    expect(refused?.stderr).toMatch(
      /^UAMI_NODE_TOO_OLD: uami-emulator needs Node\.js 22\.12 or later; this is Node\.js 20\.19\.0 \(/,
    )
    expect(refused?.stderr).toContain('nvm install 22')
    expect(refused?.stderr).not.toMatch(/^\s+at /m)
  })
})
