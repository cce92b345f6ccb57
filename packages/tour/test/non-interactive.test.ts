import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProgressData } from '../src/state/progress.js'
import { isAlive, runCli, UAMI_BIN } from './helpers/cli.js'

let work: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'uami-tour-'))
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

/** The rows of the summary table (the lines after its header and rule). */
function summaryRows(stdout: string): string[][] {
  const lines = stdout.split('\n')
  const header = lines.findIndex((line) =>
    /^sample\s+host\s+identifier kind\s+identity\s+role\s+verify\s+seconds$/.test(line),
  )
  expect(header, 'the summary table header').toBeGreaterThanOrEqual(0)
  const rows: string[][] = []
  for (const line of lines.slice(header + 2)) {
    if (line.trim() === '') break
    rows.push(line.split(/\s{2,}/))
  }
  return rows
}

function samplePids(stdout: string): number[] {
  return [...stdout.matchAll(/\(pid (\d+)\)/g)].map((match) => Number(match[1]))
}

async function progress(dir: string): Promise<ProgressData> {
  return JSON.parse(await readFile(join(dir, '.uami', 'tour.json'), 'utf8')) as ProgressData
}

describe('the tour without a terminal (npm start </dev/null)', () => {
  it('runs every step for all three samples, prints a summary with three verified rows and exits 0', async () => {
    const first = await runCli([], { cwd: work, env: { CI: 'true' } })
    expect(first.stderr).toBe('')
    expect(first.exitCode).toBe(0)
    const rows = summaryRows(first.stdout)
    expect(rows.map((row) => row[0])).toEqual(['app-service', 'container-apps', 'vm'])
    for (const row of rows) expect(row[5]).toBe('✔ verified')
    expect(rows.map((row) => row[2])).toEqual([
      'client ID (AZURE_CLIENT_ID)',
      'resource ID (AZURE_MANAGED_IDENTITY_RESOURCE_ID)',
      'object (principal) ID (AZURE_MANAGED_IDENTITY_OBJECT_ID)',
    ])
    expect(rows.map((row) => row[3])).toEqual(['id-uami-app-service', 'id-uami-container-apps', 'id-uami-vm'])
    expect(rows.every((row) => row[4] === 'App Configuration Data Reader')).toBe(true)
    // The proof: the claims each sample's token carried, and the setting it read.
    expect(first.stdout.match(/^ {4}oid {7}[0-9a-f-]{36} {2}object ID$/gm)).toHaveLength(3)
    expect(
      first.stdout.match(/userAssignedIdentities\/id-uami-(app-service|container-apps|vm) {2}resource ID$/gm),
    ).toHaveLength(3)
    expect(first.stdout).toContain('Every step verified.')
    // Every sample it started is stopped.
    const pids = samplePids(first.stdout)
    expect(pids).toHaveLength(3)
    for (const pid of pids) expect(isAlive(pid)).toBe(false)

    const created = (await progress(work)).runs.local?.created ?? []
    expect(created.map((resource) => resource.type)).toEqual(
      expect.arrayContaining(['resource-group', 'app-configuration', 'identity', 'host', 'role-assignment']),
    )

    // A re-run reuses what exists: same result, nothing new created.
    const second = await runCli([], { cwd: work, env: { CI: 'true' } })
    expect(second.exitCode).toBe(0)
    expect(summaryRows(second.stdout).every((row) => row[5] === '✔ verified')).toBe(true)
    expect((await progress(work)).runs.local?.created).toEqual(created)
  }, 180_000)

  it('stops the samples and the emulator on Ctrl-C (SIGINT), exits 130 and leaves its state usable', async () => {
    const dir = join(work, 'interrupted')
    await execa('mkdir', ['-p', dir])
    const tour = execa(process.execPath, [UAMI_BIN], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', CI: 'true', NO_COLOR: '1' },
      extendEnv: false,
      stdin: 'ignore',
      reject: false,
      buffer: true,
    })
    let seen = ''
    const started = new Promise<number>((resolve) => {
      tour.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString()
        const [pid] = samplePids(seen)
        if (pid !== undefined) resolve(pid)
      })
    })
    const samplePid = await started
    expect(isAlive(samplePid)).toBe(true)
    tour.kill('SIGINT')
    const result = await tour
    expect(result.exitCode).toBe(130)
    expect(String(result.stdout)).toContain('SIGINT: stopping the samples and the emulator')
    expect(isAlive(samplePid)).toBe(false)
    const saved = await progress(dir)
    expect(saved.runs.local?.done.shared).toEqual(['sign-in', 'app-configuration'])

    // The state is consistent: the emulator starts again on it and the tour finishes where it stopped.
    const resumed = await runCli(['--sample', 'app-service'], { cwd: dir, env: { CI: 'true' } })
    expect(resumed.exitCode).toBe(0)
    expect(summaryRows(resumed.stdout)[0]?.[5]).toBe('✔ verified')
  }, 180_000)
})
