import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { IdentityKind } from '@uami/credential'
import { exitOnConfigError } from '@uami/fastify-app-configuration'
import {
  bareEnvironment,
  type LocalAzure,
  provisionLocalSample,
  type SampleUnderTest,
  spawnSample,
  startLocalAzure,
} from '@uami/sample-testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CATEGORIES, invalidIdentifiers, validValue } from './helpers/identifier-fuzz.ts'
import { Random } from './helpers/random.ts'
import { count, SAMPLES, sampleDir, VARIABLES } from './helpers/samples.ts'

/**
 * Suite 3, start-up: seeded invalid identifier values through each sample's start-up — its own `readEnv` (the
 * built dist/env.js) under `exitOnConfigError`, exactly what its server.ts runs first, with its host's variables
 * set and the identity endpoint on a counting loopback server — and a sample of them through the real built
 * server process against the emulator. Every value must stop the start with exit code 1 and one coded line naming
 * the variable: no stack trace, no token echoed, no identity-endpoint request.
 */

const SEED = 0x5eed_0003
const VALUES_PER_CATEGORY = 150
const TWO_KINDS = 150
const SPAWNED_PER_SAMPLE = Object.keys(CATEGORIES).length
const CODED_LINE = /^UAMI_(CRED|SAMPLE)_[A-Z_]+: /

type ReadEnv = (source: NodeJS.ProcessEnv) => unknown

/** What each host sets, with the identity endpoint on `identityBase` (a counting server: nothing may reach it). */
function hostVariables(sample: SampleUnderTest, identityBase: string): Record<string, string> {
  switch (sample.host) {
    case 'app-service':
      return {
        WEBSITE_SITE_NAME: 'web-fuzz',
        WEBSITE_RESOURCE_GROUP: 'rg-fuzz',
        IDENTITY_ENDPOINT: `${identityBase}/msi/token`,
        IDENTITY_HEADER: 'fuzz-identity-header-value',
      }
    case 'container-apps':
      return {
        CONTAINER_APP_NAME: 'ca-fuzz',
        IDENTITY_ENDPOINT: `${identityBase}/msi/token`,
        IDENTITY_HEADER: 'fuzz-identity-header-value',
      }
    case 'vm':
      return {
        AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential',
        AZURE_POD_IDENTITY_AUTHORITY_HOST: identityBase,
      }
  }
}

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`)
  }
}

/** Runs the sample's start-up check the way its server.ts does; returns the exit code and what it wrote. */
function startUp(readEnv: ReadEnv, env: NodeJS.ProcessEnv): { code: number | undefined; output: string } {
  let output = ''
  try {
    exitOnConfigError(() => readEnv(env), {
      write: (line) => {
        output += line
      },
      exit: (code) => {
        throw new Exit(code)
      },
    })
    return { code: undefined, output }
  } catch (error) {
    if (error instanceof Exit) return { code: error.code, output }
    // Not a coded configuration error: server.ts would crash with a stack trace.
    return { code: -1, output: error instanceof Error ? (error.stack ?? error.message) : String(error) }
  }
}

/** The problems with one start-up outcome (empty when it is right). */
function problems(
  result: { code: number | undefined | null; output: string },
  variable: string,
  value: string,
): string[] {
  const found: string[] = []
  const lines = result.output.trimEnd().split('\n')
  if (result.code !== 1) found.push(`exit code ${String(result.code)}, expected 1`)
  if (lines.length !== 1 || !CODED_LINE.test(lines[0] ?? '')) found.push('not one coded line')
  if (!result.output.includes(variable)) found.push(`does not name ${variable}`)
  if (/^\s+at /m.test(result.output)) found.push('stack trace')
  if (value.startsWith('eyJ') && result.output.includes(value)) found.push('echoes the token')
  if (value.length > 1_000 && result.output.includes(value)) found.push('echoes the whole very long value')
  return found
}

describe('identifier fuzzing through each sample’s start-up (suite 3, seed 0x5eed0003)', () => {
  let counting: Server
  let identityRequests = 0
  let identityBase: string
  let local: LocalAzure
  const summary: string[] = []

  beforeAll(async () => {
    counting = createServer((request, response) => {
      identityRequests += 1
      response.writeHead(500).end()
      request.resume()
    })
    counting.listen(0, '127.0.0.1')
    await once(counting, 'listening')
    identityBase = `http://127.0.0.1:${(counting.address() as AddressInfo).port}`
    local = await startLocalAzure()
  })
  afterAll(async () => {
    counting?.close()
    await local?.emulator.stop()
    console.log(summary.join('\n'))
  })

  for (const sample of SAMPLES) {
    const kind = sample.identifierKind
    it(`${sample.name}: ${count(Object.keys(CATEGORIES).length * VALUES_PER_CATEGORY + TWO_KINDS)} invalid values of ${sample.variable} (and another kind's variable next to it) each stop the start with one coded line naming it`, async () => {
      const { readEnv } = (await import(`@uami/sample-${sample.name}/dist/env.js`)) as { readEnv: ReadEnv }
      const random = new Random(SEED ^ sample.name.length)
      const host = hostVariables(sample, identityBase)
      const base = { ...host, APP_CONFIG_ENDPOINT: 'https://appcs-fuzz.azconfig.io', PORT: '0' }
      const failures: string[] = []
      const codes = new Map<string, number>()
      const tally = (output: string) => {
        const code = /^([A-Z_]+):/.exec(output)?.[1] ?? '?'
        codes.set(code, (codes.get(code) ?? 0) + 1)
      }

      // A valid value starts: the harness can tell a start from a refusal.
      expect(startUp(readEnv, { ...base, [sample.variable]: validValue(random, kind) }).code).toBeUndefined()

      const values = invalidIdentifiers(random, kind, Object.keys(CATEGORIES).length * VALUES_PER_CATEGORY)
      for (const { category, value } of values) {
        const result = startUp(readEnv, { ...base, [sample.variable]: value })
        for (const problem of problems(result, sample.variable, value)) {
          failures.push(
            `${category} ${JSON.stringify(value.slice(0, 200))}: ${problem}: ${JSON.stringify(result.output.slice(0, 600))}`,
          )
        }
        tally(result.output)
      }
      // Two kinds at once: the sample's own valid variable plus another kind's, valid or not.
      const others = (Object.keys(VARIABLES) as IdentityKind[]).filter((other) => other !== kind)
      for (let i = 0; i < TWO_KINDS; i++) {
        const other = random.pick(others)
        const value = random.chance(0.5) ? validValue(random, other) : `${validValue(random, other)} `
        const result = startUp(readEnv, {
          ...base,
          [sample.variable]: validValue(random, kind),
          [VARIABLES[other]]: value,
        })
        for (const problem of problems(result, sample.variable, value)) {
          failures.push(`two kinds (${VARIABLES[other]}): ${problem}`)
        }
        if (!result.output.startsWith('UAMI_SAMPLE_TWO_IDENTIFIER_KINDS:'))
          failures.push('two kinds: wrong code')
        tally(result.output)
      }

      expect(failures.slice(0, 20)).toEqual([])
      expect(identityRequests).toBe(0)
      const total = values.length + TWO_KINDS
      summary.push(
        `start-up fuzz: ${sample.name} ${sample.variable}: ${count(total)} values, ${count(total)} coded refusals (${[...codes].map(([code, n]) => `${code} ${n}`).join(', ')}), 0 crashes, 0 identity requests`,
      )
    })
  }

  it(`the built server process refuses ${SPAWNED_PER_SAMPLE} of the values per sample (one per category) with exit 1, never listening and never calling the emulator's identity endpoint`, async () => {
    const random = new Random(SEED + 1)
    const jobs = await Promise.all(
      SAMPLES.map(async (sample) => {
        const provisioned = await provisionLocalSample(local.clients, {
          kind: sample.host,
          suffix: `fz-${sample.name.slice(0, 3)}`,
          title: sample.title,
        })
        const host = local.emulator.hostEnv(provisioned.host.id)
        // Environment variables cannot hold NUL; one value per category.
        const values = invalidIdentifiers(random, sample.identifierKind, SPAWNED_PER_SAMPLE * 4)
          .filter(({ value }) => !value.includes('\0'))
          .filter(
            ({ category }, index, all) => all.findIndex((other) => other.category === category) === index,
          )
        return values.map(({ category, value }) => ({ sample, host, category, value }))
      }),
    )
    const before = local.emulator.counters.snapshot()
    const queue = jobs.flat()
    const failures: string[] = []
    let spawned = 0
    // Two at a time: the machine has two cores.
    await Promise.all(
      [0, 1].map(async () => {
        for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
          const child = spawnSample({
            sampleDir: sampleDir(job.sample),
            entry: 'dist/server.js',
            env: bareEnvironment({
              ...job.host,
              ...(job.sample.host === 'vm' ? { AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential' } : {}),
              [job.sample.variable]: job.value,
              APP_CONFIG_ENDPOINT: 'https://127.0.0.1:9',
              PORT: '0',
              HOST: '127.0.0.1',
            }),
          })
          const exit = await Promise.race([
            child.exited,
            new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 30_000).unref()),
          ])
          if (exit === undefined) await child.stop()
          spawned += 1
          const output = child.lines.join('\n')
          const found = problems({ code: exit?.code, output }, job.sample.variable, job.value)
          if (output.includes('Server listening')) found.push('listened')
          for (const problem of found) failures.push(`${job.sample.name} ${job.category}: ${problem}`)
        }
      }),
    )
    expect(failures).toEqual([])
    const after = local.emulator.counters.snapshot()
    expect(after.msi ?? 0).toBe(before.msi ?? 0)
    expect(after.imds ?? 0).toBe(before.imds ?? 0)
    expect(spawned).toBe(SAMPLES.length * SPAWNED_PER_SAMPLE)
    summary.push(
      `start-up fuzz: ${spawned} built server processes: ${spawned} exited 1 with a coded line, 0 listened, 0 identity requests`,
    )
    // A bound, not a timing: 27 Node.js starts, two at a time, take well over a minute on a loaded shared machine.
  }, 300_000)
})
