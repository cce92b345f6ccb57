import { describe, expect, it } from 'vitest'
import { BenchUsageError, parseBenchArgs } from '../src/cli-args.ts'

describe('parseBenchArgs', () => {
  it('runs every measurement at full length by default', () => {
    expect(parseBenchArgs([])).toEqual({
      quick: false,
      only: ['startup', 'load', 'bundle', 'tour', 'emulator'],
      help: false,
    })
  })

  it('keeps the measurements of --only in run order, whatever order they were given in', () => {
    expect(parseBenchArgs(['--quick', '--only', 'tour, startup'])).toMatchObject({
      quick: true,
      only: ['startup', 'tour'],
    })
  })

  it('refuses an unknown measurement or flag with a coded error that lists the valid ones', () => {
    expect(() => parseBenchArgs(['--only', 'startup,speed'])).toThrow(
      /unknown measurement\(s\) speed.*startup, load/,
    )
    expect(() => parseBenchArgs(['--fast'])).toThrow(BenchUsageError)
  })
})
