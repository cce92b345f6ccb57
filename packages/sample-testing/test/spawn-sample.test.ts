import { afterEach, describe, expect, it } from 'vitest'
import { type SpawnedSample, spawnSample } from '../src/index.ts'

const fixtures = new URL('./fixtures/', import.meta.url)
const children: SpawnedSample[] = []
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.stop()))
})

function start(env: Record<string, string>, maxLines?: number): SpawnedSample {
  const child = spawnSample({
    sampleDir: fixtures,
    entry: 'fake-sample.mjs',
    env,
    ...(maxLines === undefined ? {} : { maxLines }),
  })
  children.push(child)
  return child
}

describe('spawnSample', () => {
  it("resolves listening() with the URL of Fastify's listening line and keeps every line by default", async () => {
    const child = start({ LINES: '3' })
    expect(await child.listening()).toBe('http://127.0.0.1:45678')
    expect(child.lines).toEqual([
      'line 1',
      'line 2',
      'line 3',
      '{"level":30,"msg":"Server listening at http://127.0.0.1:45678"}',
    ])
    expect(child.pid).toBe(child.childProcess.pid)
  })

  it('keeps only the last maxLines lines', async () => {
    const child = start({ LINES: '300' }, 50)
    await child.listening()
    expect(child.lines).toHaveLength(50)
    expect(child.lines[0]).toBe('line 252')
    expect(child.tail(2)).toBe('line 300\n{"level":30,"msg":"Server listening at http://127.0.0.1:45678"}')
  })

  it('stops the child by PID with SIGTERM, and a second stop() waits for the same exit', async () => {
    const child = start({})
    await child.listening()
    const first = child.stop()
    expect(child.stop()).toBe(first)
    expect(await first).toEqual({ code: 0, signal: null })
  })

  it('rejects listening() with the exit code when the child exits before listening', async () => {
    const child = start({ EXIT_CODE: '3' })
    await expect(child.listening()).rejects.toThrow(/^The sample exited \(code 3\) before listening/)
    expect(await child.exited).toEqual({ code: 3, signal: null })
  })
})
