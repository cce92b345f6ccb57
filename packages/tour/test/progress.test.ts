import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isTourError } from '../src/errors/tour-error.js'
import { ProgressFile } from '../src/state/progress.js'

let work: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'uami-progress-'))
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('ProgressFile', () => {
  it('keeps done steps and created resources per target across openings, with a stable name suffix', async () => {
    const path = join(work, 'a', 'tour.json')
    const first = await ProgressFile.open(path)
    const run = first.run('local', { location: 'swedencentral' })
    expect(run.suffix).toMatch(/^[0-9a-f]{6}$/)
    await first.markDone('local', 'shared', 'sign-in')
    await first.markDone('local', 'shared', 'sign-in')
    await first.recordCreated('local', {
      type: 'identity',
      id: '/subscriptions/s/resourceGroups/rg/providers/x/y',
    })
    await first.recordCreated('local', {
      type: 'identity',
      id: '/SUBSCRIPTIONS/s/resourcegroups/rg/providers/x/y',
    })

    const second = await ProgressFile.open(path)
    const again = second.run('local', { location: 'elsewhere' })
    expect(again.suffix).toBe(run.suffix)
    expect(again.location).toBe('swedencentral')
    expect(again.done).toEqual({ shared: ['sign-in'] })
    expect(again.created).toHaveLength(1)
    expect(await readdir(join(work, 'a'))).toEqual(['tour.json'])
  })

  it('writes every change atomically and in order', async () => {
    const path = join(work, 'b', 'tour.json')
    const file = await ProgressFile.open(path)
    file.run('local', { location: 'x' })
    await Promise.all(Array.from({ length: 20 }, (_, index) => file.markDone('local', 'vm', `step-${index}`)))
    const saved = JSON.parse(await readFile(path, 'utf8'))
    expect(saved.runs.local.done.vm).toHaveLength(20)
    expect((await readdir(join(work, 'b'))).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('starts over with --fresh, and forgets a target after cleanup', async () => {
    const path = join(work, 'c', 'tour.json')
    const file = await ProgressFile.open(path)
    file.run('local', { location: 'x' })
    await file.markDone('local', 'shared', 'sign-in')
    expect((await ProgressFile.open(path, { fresh: true })).data.runs).toEqual({})
    await file.forget('local')
    expect((await ProgressFile.open(path)).data.runs).toEqual({})
  })

  it('refuses a file that is not a progress file, saying how to recover', async () => {
    const path = join(work, 'd.json')
    await writeFile(path, '{"version": 7}')
    const error = await ProgressFile.open(path).catch((caught: unknown) => caught)
    expect(isTourError(error, 'UAMI_TOUR_STATE_FILE')).toBe(true)
    expect((error as Error).message).toContain(`rm ${path}`)
    await writeFile(path, 'not json')
    expect(((await ProgressFile.open(path).catch((caught: unknown) => caught)) as Error).message).toContain(
      'not valid JSON',
    )
  })
})
