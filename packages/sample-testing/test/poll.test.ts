import { describe, expect, it } from 'vitest'
import { pollUntil } from '../src/index.ts'

describe('pollUntil', () => {
  it('returns the first value that meets the condition, counting a thrown error as "not yet"', async () => {
    let calls = 0
    const value = await pollUntil(
      async () => {
        calls += 1
        if (calls === 1) throw new Error('not up yet')
        return calls
      },
      (count) => count >= 3,
      { intervalMs: 1 },
    )
    expect(value).toBe(3)
  })

  it('fails with the last value and the description when the condition is never met', async () => {
    await expect(
      pollUntil(
        async () => ({ status: 503 }),
        (response) => response.status === 200,
        { timeoutMs: 20, intervalMs: 5, describe: () => 'child output here' },
      ),
    ).rejects.toThrow('Condition not met in time. Last value: {"status":503}\nchild output here')
  })
})
