import { describe, expect, it } from 'vitest'
import { parseCliArgs } from '../src/cli/args.js'
import { main } from '../src/cli/main.js'
import { terminalMode } from '../src/cli/tour-command.js'
import { USAGE } from '../src/cli/usage.js'
import { isTourError } from '../src/errors/tour-error.js'
import { MemoryOutput } from './helpers/memory-output.js'

function usageError(argv: string[]): string {
  try {
    parseCliArgs(argv)
  } catch (error) {
    expect(isTourError(error, 'UAMI_TOUR_USAGE')).toBe(true)
    return (error as Error).message
  }
  throw new Error(`${argv.join(' ')} was accepted`)
}

describe('parseCliArgs', () => {
  it('runs the tour on the local emulator by default', () => {
    expect(parseCliArgs([])).toMatchObject({
      command: 'tour',
      target: 'local',
      yes: false,
      sample: undefined,
    })
  })

  it('reads the tour options', () => {
    expect(
      parseCliArgs([
        'tour',
        '--azure',
        '--subscription',
        'sub',
        '--sample',
        'vm',
        '-y',
        '--location',
        'westeurope',
        '--dir',
        'x',
      ]),
    ).toMatchObject({
      target: 'azure',
      subscription: 'sub',
      sample: 'vm',
      yes: true,
      location: 'westeurope',
      dir: 'x',
    })
    expect(parseCliArgs(['--what-goes-wrong', 'wrong-kind', '--sample', 'vm'])).toMatchObject({
      scenario: 'wrong-kind',
      sample: 'vm',
    })
  })

  it('reads the doctor options', () => {
    expect(
      parseCliArgs([
        'doctor',
        '--json',
        '--resource-group',
        'rg',
        '--host-name',
        'app',
        '--store-id',
        'id',
        '--facts',
        'f.json',
      ]),
    ).toEqual({
      command: 'doctor',
      json: true,
      resourceGroup: 'rg',
      hostName: 'app',
      storeId: 'id',
      facts: 'f.json',
      sentinelKey: undefined,
    })
  })

  it('refuses unknown options, unknown values and contradictions with a usage error', () => {
    expect(usageError(['--nope'])).toContain("Unknown option '--nope'")
    expect(usageError(['--sample', 'functions'])).toContain(
      '--sample must be one of app-service, container-apps, vm, all',
    )
    expect(usageError(['--what-goes-wrong', 'typo'])).toContain(
      'not-attached, no-role, wrong-kind, propagating',
    )
    expect(usageError(['--local', '--azure'])).toContain('cannot be used together')
    expect(usageError(['--subscription', 'x'])).toContain('only applies with --azure')
    expect(usageError(['--what-goes-wrong', 'no-role', '--sample', 'all'])).toContain('one sample at a time')
    expect(usageError(['deploy'])).toContain('Unknown command "deploy"')
  })
})

describe('terminalMode', () => {
  it('never asks without a terminal on stdin and stdout, or with CI set', () => {
    expect(terminalMode({ stdinTty: false, stdoutTty: true, env: {}, yes: false })).toEqual({
      canAsk: false,
      interactive: false,
    })
    expect(terminalMode({ stdinTty: true, stdoutTty: false, env: {}, yes: false })).toEqual({
      canAsk: false,
      interactive: false,
    })
    expect(terminalMode({ stdinTty: true, stdoutTty: true, env: { CI: 'true' }, yes: false })).toEqual({
      canAsk: false,
      interactive: false,
    })
    expect(terminalMode({ stdinTty: true, stdoutTty: true, env: { CI: '1' }, yes: false }).canAsk).toBe(false)
  })

  it('asks in a terminal, and --yes runs every step without asking', () => {
    expect(terminalMode({ stdinTty: true, stdoutTty: true, env: { CI: 'false' }, yes: false })).toEqual({
      canAsk: true,
      interactive: true,
    })
    expect(terminalMode({ stdinTty: true, stdoutTty: true, env: {}, yes: true })).toEqual({
      canAsk: true,
      interactive: false,
    })
  })
})

describe('main', () => {
  it('prints the usage for --help and exits 0', async () => {
    const output = new MemoryOutput()
    expect(await main(['--help'], output, new MemoryOutput())).toBe(0)
    expect(output.text).toBe(USAGE)
    expect(USAGE).toContain('uami doctor [options]')
  })

  it('prints a usage error with its code and exits 2', async () => {
    const errors = new MemoryOutput()
    expect(await main(['--sample', 'nope'], new MemoryOutput(), errors)).toBe(2)
    expect(errors.text).toMatch(/^UAMI_TOUR_USAGE: --sample must be one of/)
  })
})
