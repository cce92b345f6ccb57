import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uamiCommand } from '../src/tour/run-yourself.js'

const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const PACKAGE_VERSION = (
  (await import('../package.json', { with: { type: 'json' } })) as { default: { version: string } }
).default.version

let work: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'uami-launcher-'))
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('running uami yourself', () => {
  it('works as `npx uami` from the repository: npm links the committed launcher, which runs the built CLI', async () => {
    // What `npx uami` resolves to in the repository (no registry involved: the link is local).
    const result = await execa(join(REPO, 'node_modules', '.bin', 'uami'), ['--version'], {
      cwd: REPO,
      reject: false,
    })
    expect(result.exitCode).toBe(0)
    expect(result.stdout.trim()).toBe(PACKAGE_VERSION)
  })

  it('tells the tour to print `npx uami` in the repository and `node <launcher>` elsewhere (no registry look-up)', async () => {
    expect(uamiCommand(REPO)).toEqual(['npx', 'uami'])
    const [node, launcher] = uamiCommand(work)
    expect(node).toBe('node')
    const result = await execa(process.execPath, [launcher ?? '', '--version'], { cwd: work, reject: false })
    expect(result.stdout.trim()).toBe(PACKAGE_VERSION)
  })
})
