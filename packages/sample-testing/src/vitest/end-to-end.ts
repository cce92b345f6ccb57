import { fileURLToPath } from 'node:url'
import { identityVariable } from '@uami/credential/diagnostics'
import { attachIdentity, ensureRoleAssignment, type ProvisionedSample, seedSettings } from '@uami/provision'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
// The repository's bounded runner (process group killed on a timeout).
import { runBounded } from '../../../../scripts/offline-install.mjs'
import { type CopiedSample, copySampleOut } from '../copy-out.js'
import { bareEnvironment, childEnvironment } from '../env.js'
import { expectedAttachCommand, expectedProof, expectedRoleCommand } from '../expected-fixes.js'
import { type LocalAzure, startLocalAzure } from '../local-azure.js'
import { findLeaks } from '../log-scan.js'
import { getJson, pollUntil } from '../poll.js'
import {
  MESSAGE_KEY,
  type ProvisionLocalSampleOptions,
  provisionLocalSample,
  SENTINEL_KEY,
} from '../provision-local-sample.js'
import type { SampleUnderTest } from '../sample.js'
import { type SpawnedSample, spawnSample } from '../spawn-sample.js'

/** Options of {@link describeSampleEndToEnd}. */
export interface SampleEndToEndOptions {
  /** What the sample is: name, title, host and identifier kind. */
  readonly sample: SampleUnderTest
  /** The sample's folder, e.g. `new URL('..', import.meta.url)` from its `test/`. */
  readonly sampleDir: string | URL
}

/** A malformed value of each identifier kind, and the code the credential package gives it. */
const MALFORMED = {
  clientId: { value: '7d1f3f2e-0b4c-4c2a-9e61-5b8a1f0c9d3Z', code: 'UAMI_CRED_INVALID_GUID' },
  resourceId: {
    value:
      '/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id',
    code: 'UAMI_CRED_INVALID_RESOURCE_ID',
  },
  objectId: { value: 'not-an-object-id', code: 'UAMI_CRED_INVALID_GUID' },
} as const

const same = (a: string | undefined, b: string): boolean => a?.toLowerCase() === b.toLowerCase()

/**
 * The end-to-end scenario every sample runs against the local emulator, as vitest tests. Each test provisions its
 * own resources with `@uami/provision` (resource group, identity, store, Data Reader role, host; settings seeded
 * as the developer), spawns the BUILT sample (`dist/server.js`, or the bundle) with exactly its host's environment,
 * and checks over HTTP:
 *
 * - the identity proof (`/identity`: `oid`, `appid`, `xms_mirid` of the identity) and the seeded settings, then a
 *   changed setting served after the sentinel changes;
 * - the single-file bundle runs the same way;
 * - a malformed identifier stops the process at once with a coded error naming the variable (built and bundle);
 * - an identity that is not attached: `/readyz` 503 with the host's attach command; ready once attached;
 * - no role: 403 with the exact `az role assignment create`; ready by itself once the role is assigned;
 * - App Configuration unreachable after start: the last-known-good settings are served, marked stale;
 * - the logs of a run with a failure never contain a token, `IDENTITY_HEADER`, a client secret or `Bearer `.
 *
 * Every child process is stopped by PID after each test, and everything it wrote is then scanned with `findLeaks`
 * (JWTs, `IDENTITY_HEADER`, client secrets, Authorization headers).
 *
 * @param options - The sample and its folder.
 * @example
 * ```ts
 * // samples/vm/test/e2e.test.ts
 * import { describeSampleEndToEnd } from '@uami/sample-testing/vitest'
 * describeSampleEndToEnd({ sample, sampleDir: new URL('..', import.meta.url) })
 * ```
 */
export function describeSampleEndToEnd(options: SampleEndToEndOptions): void {
  const { sample, sampleDir } = options
  const variable = identityVariable(sample.identifierKind)
  let local: LocalAzure
  let counter = 0
  let bundled: Promise<unknown> | undefined
  const children: SpawnedSample[] = []

  const provision = (
    overrides: Pick<ProvisionLocalSampleOptions, 'skip'> = {},
  ): Promise<ProvisionedSample> => {
    counter += 1
    return provisionLocalSample(local.clients, {
      kind: sample.host,
      suffix: `${sample.name}-${counter}`,
      title: sample.title,
      ...overrides,
    })
  }
  // Every line every child wrote is scanned after each test (secret scanning of the whole suite's output).
  const scanned: Array<{ child: SpawnedSample; secrets: string[] }> = []
  const watch = (child: SpawnedSample, env: Record<string, string>): SpawnedSample => {
    children.push(child)
    const secrets = [env.IDENTITY_HEADER, env.AZURE_CLIENT_SECRET, local.emulator.developer.clientSecret]
    scanned.push({ child, secrets: secrets.filter((value): value is string => value !== undefined) })
    return child
  }
  const scanOutput = (): void => {
    for (const { child, secrets } of scanned.splice(0)) {
      expect(findLeaks(child.lines, { secrets }), 'secrets in a sample child process output').toEqual([])
    }
  }
  const start = (entry: string, env: Record<string, string>): SpawnedSample =>
    watch(spawnSample({ sampleDir, entry, env }), env)
  const ready = async (child: SpawnedSample): Promise<string> => {
    const url = await child.listening()
    // Long enough for one full retry step (30 s) of a sample that was not ready yet.
    await pollUntil(
      () => getJson(`${url}/readyz`),
      (response) => response.status === 200,
      { timeoutMs: 45_000, describe: () => child.tail() },
    )
    return url
  }
  const bundle = (): Promise<unknown> => {
    bundled ??= runBounded(process.execPath, ['scripts/bundle.mjs'], {
      cwd: sampleDir instanceof URL ? fileURLToPath(sampleDir) : sampleDir,
      timeoutMs: 60_000,
    })
    return bundled
  }
  let copied: CopiedSample | undefined

  // Each test provisions, starts a process and may wait for a retry step: more than the default 60 s on a busy machine.
  describe(`${sample.title} sample, end to end against the local emulator`, { timeout: 120_000 }, () => {
    beforeAll(async () => {
      local = await startLocalAzure()
    })
    afterEach(async () => {
      local.emulator.faults.clear()
      await Promise.all(children.splice(0).map((child) => child.stop()))
      scanOutput()
    })
    afterAll(async () => {
      await Promise.all(children.splice(0).map((child) => child.stop()))
      await copied?.remove()
      await local?.emulator.stop()
    })

    it('refuses, on npm start, a Node.js older than 22.12 with one coded line and exit code 1', async () => {
      const dir = sampleDir instanceof URL ? fileURLToPath(sampleDir) : sampleDir
      const fake = fileURLToPath(new URL('../../fixtures/fake-node-20.cjs', import.meta.url))
      const refused = await runBounded(process.execPath, ['-r', fake, 'scripts/check-node.cjs'], {
        cwd: dir,
        timeoutMs: 30_000,
      }).then(
        () => undefined,
        (error: Error) => error.message,
      )
      expect(refused).toMatch(/exited with 1/)
      expect(refused).toMatch(
        /^UAMI_NODE_TOO_OLD: this sample needs Node\.js 22\.12 or later; this is Node\.js 20\.19\.0\./m,
      )
      expect(refused).not.toMatch(/^\s+at /m)
      await expect(
        runBounded(process.execPath, ['scripts/check-node.cjs'], { cwd: dir, timeoutMs: 30_000 }),
      ).resolves.toEqual({ stdout: '', stderr: '' })
    })

    it('runs outside the repository: copied out, installed offline from packed tarballs, built, reading a setting', {
      timeout: 300_000,
    }, async () => {
      copied = await copySampleOut(sampleDir)
      const provisioned = await provision()
      const env = childEnvironment(local.emulator, provisioned)
      const child = watch(spawnSample({ sampleDir: copied.dir, entry: 'dist/server.js', env }), env)
      const url = await ready(child)
      const setting = await getJson(`${url}/config/${encodeURIComponent(MESSAGE_KEY)}`)
      expect(setting.body).toMatchObject({ key: MESSAGE_KEY, value: `Hello from the ${sample.title} sample` })
      const identity = await getJson(`${url}/identity`)
      expect(identity.body.claims.oid).toBe(provisioned.identity.principalId)
    })

    it('proves its identity, serves the seeded settings, and serves a changed setting after the sentinel changes', async () => {
      const provisioned = await provision()
      const child = start('dist/server.js', childEnvironment(local.emulator, provisioned))
      const url = await ready(child)

      const identity = await getJson(`${url}/identity`)
      expect(identity.status).toBe(200)
      expect(identity.body.kind).toBe(sample.identifierKind)
      expect(identity.body.variable).toBe(variable)
      expect(identity.body.credential).toBe('ManagedIdentityCredential')
      expect(identity.body.claims.oid).toBe(provisioned.identity.principalId)
      expect(identity.body.claims.appid).toBe(provisioned.identity.clientId)
      expect(same(identity.body.claims.xms_mirid, provisioned.identity.id)).toBe(true)
      expect(same(identity.body.claims.xms_az_rid, provisioned.host.id)).toBe(true)
      const proof = expectedProof(provisioned)
      expect(identity.body.match).toMatchObject({ matches: true, claim: proof.claim })
      expect(JSON.stringify(identity.body)).not.toMatch(/eyJ[\w-]+\./)

      const setting = await getJson(`${url}/config/${encodeURIComponent(MESSAGE_KEY)}`)
      expect(setting.status).toBe(200)
      expect(setting.body).toMatchObject({
        key: MESSAGE_KEY,
        value: `Hello from the ${sample.title} sample`,
        freshness: 'fresh',
      })

      await seedSettings(
        { endpoint: provisioned.store.endpoint, credential: local.credential },
        { [MESSAGE_KEY]: 'Changed' },
        { sentinelKey: SENTINEL_KEY },
      )
      const changed = await pollUntil(
        () => getJson(`${url}/config/${encodeURIComponent(MESSAGE_KEY)}`),
        (response) => response.body?.value === 'Changed',
        { describe: () => child.tail() },
      )
      expect(changed.body.freshness).toBe('fresh')

      const home = await getJson(`${url}/`)
      expect(home.body).toMatchObject({ ready: true, identity: { kind: sample.identifierKind, variable } })
      expect(home.body.settings.values[MESSAGE_KEY]).toBe('Changed')
    })

    it('runs the same way from the single-file bundle the deploy assets start', async () => {
      await bundle()
      const provisioned = await provision()
      const child = start('dist/bundle/server.mjs', childEnvironment(local.emulator, provisioned))
      const url = await ready(child)
      const identity = await getJson(`${url}/identity`)
      expect(identity.body.match.matches).toBe(true)
      expect(identity.body.claims.oid).toBe(provisioned.identity.principalId)
      const setting = await getJson(`${url}/config/${encodeURIComponent(MESSAGE_KEY)}`)
      expect(setting.body.value).toBe(`Hello from the ${sample.title} sample`)
    })

    it(`exits at once with a coded error naming ${variable} when the identifier is malformed (built and bundled)`, async () => {
      await bundle()
      const malformed = MALFORMED[sample.identifierKind]
      for (const entry of ['dist/server.js', 'dist/bundle/server.mjs']) {
        const child = start(
          entry,
          bareEnvironment({
            [variable]: malformed.value,
            APP_CONFIG_ENDPOINT: 'https://appcs-unused.azconfig.io',
          }),
        )
        const exit = await child.exited
        expect(exit.code, child.tail()).toBe(1)
        const output = child.lines.join('\n')
        expect(output).toMatch(new RegExp(`^${malformed.code}: .*${variable}`, 'm'))
        expect(output).not.toMatch(/^\s+at /m)
        expect(output).not.toContain('Server listening')
      }
    })

    it('answers /readyz 503 with the attach command while the identity is not attached, and becomes ready once it is', async () => {
      const provisioned = await provision({ skip: { attach: true } })
      const child = start('dist/server.js', childEnvironment(local.emulator, provisioned))
      const url = await child.listening()
      expect((await getJson(`${url}/healthz`)).status).toBe(200)
      const failed = await pollUntil(
        () => getJson(`${url}/readyz`),
        (response) => response.body?.status === 'failed',
        { describe: () => child.tail() },
      )
      expect(failed.status).toBe(503)
      expect(failed.body.error.code).toBe('UAMI_CRED_IDENTITY_NOT_ATTACHED')
      expect(failed.body.error.fix).toContain(expectedAttachCommand(provisioned))
      const page = await (await fetch(`${url}/`)).text()
      expect(page).toContain('UAMI_CRED_IDENTITY_NOT_ATTACHED')

      await attachIdentity(local.clients, provisioned.host, provisioned.identity.id)
      await ready(child)
    })

    it('answers /readyz 503 with the exact role assignment command on 403, and becomes ready by itself once the role is assigned', async () => {
      const provisioned = await provision({ skip: { roleAssignment: true } })
      const child = start('dist/server.js', childEnvironment(local.emulator, provisioned))
      const url = await child.listening()
      const failed = await pollUntil(
        () => getJson(`${url}/readyz`),
        (response) => response.body?.status === 'failed',
        { describe: () => child.tail() },
      )
      expect(failed.body.error.code).toBe('UAMI_CRED_FORBIDDEN')
      expect(failed.body.error.fix.toLowerCase()).toContain(expectedRoleCommand(provisioned).toLowerCase())
      // /readyz can answer before the child's log line has reached this process through the pipe: wait for it.
      const errorLines = await pollUntil(
        async () => child.lines.filter((line) => line.includes('"level":50')),
        (lines) => lines.length > 0,
        { describe: () => child.tail() },
      )
      expect(errorLines.length, child.tail()).toBe(1)

      await ensureRoleAssignment(local.clients, {
        scope: provisioned.store.id,
        principalId: provisioned.identity.principalId,
      })
      await ready(child)
      expect((await getJson(`${url}/config/${encodeURIComponent(MESSAGE_KEY)}`)).status).toBe(200)
    })

    it('keeps serving the last-known-good settings, marked stale, while App Configuration is unreachable', async () => {
      const provisioned = await provision()
      const child = start('dist/server.js', childEnvironment(local.emulator, provisioned))
      const url = await ready(child)

      local.emulator.faults.inject({ endpoint: 'appconfig', reset: true })
      const stale = await pollUntil(
        () => getJson(`${url}/readyz`),
        (response) => response.body?.settings?.freshness === 'stale',
        { describe: () => child.tail() },
      )
      expect(stale.status).toBe(200)
      expect(stale.body.settings.lastRefreshError.code).toBe('UAMI_CRED_ENDPOINT_UNREACHABLE')
      const setting = await getJson(`${url}/config/${encodeURIComponent(MESSAGE_KEY)}`)
      expect(setting.status).toBe(200)
      expect(setting.body).toMatchObject({
        value: `Hello from the ${sample.title} sample`,
        freshness: 'stale',
      })
      const home = await getJson(`${url}/`)
      expect(home.body.errors).toEqual([
        expect.objectContaining({ during: 'refresh', code: 'UAMI_CRED_ENDPOINT_UNREACHABLE' }),
      ])

      local.emulator.faults.clear()
      await pollUntil(
        () => getJson(`${url}/readyz`),
        (response) => response.body?.settings?.freshness === 'fresh',
        { describe: () => child.tail() },
      )
    })

    it('never writes a token, the IDENTITY_HEADER value, a client secret or "Bearer " to its logs, through a 403 and an outage', async () => {
      const provisioned = await provision({ skip: { roleAssignment: true } })
      const hostEnv = local.emulator.hostEnv(provisioned.host.id)
      const secret = local.emulator.developer.clientSecret
      const child = start(
        'dist/server.js',
        childEnvironment(local.emulator, provisioned, {
          LOG_LEVEL: 'trace',
          AZURE_LOG_LEVEL: 'verbose',
          AZURE_CLIENT_SECRET: secret,
          ...(sample.identifierKind === 'clientId'
            ? {}
            : { AZURE_CLIENT_ID: local.emulator.developer.clientId }),
        }),
      )
      const url = await child.listening()
      await pollUntil(
        () => getJson(`${url}/readyz`),
        (response) => response.body?.status === 'failed',
        { describe: () => child.tail() },
      )
      await ensureRoleAssignment(local.clients, {
        scope: provisioned.store.id,
        principalId: provisioned.identity.principalId,
      })
      await ready(child)
      local.emulator.faults.inject({ endpoint: 'appconfig', reset: true })
      await pollUntil(
        () => getJson(`${url}/readyz`),
        (response) => response.body?.settings?.freshness === 'stale',
        { describe: () => child.tail() },
      )
      local.emulator.faults.clear()
      for (const path of [
        '/',
        '/identity',
        `/config/${encodeURIComponent(MESSAGE_KEY)}`,
        '/config/missing',
        '/config/a%2Ab',
        '/nope',
      ]) {
        await fetch(`${url}${path}`, {
          headers: { authorization: 'Bearer not-a-real-token', 'x-identity-header': 'x' },
        })
      }
      await child.stop()
      expect(child.lines.length).toBeGreaterThan(10)
      expect(child.lines.join('\n')).toContain('UAMI_CRED_FORBIDDEN')
      expect(child.lines.join('\n')).toContain('UAMI_CRED_ENDPOINT_UNREACHABLE')
      const secrets = [secret, hostEnv.IDENTITY_HEADER ?? '']
      expect(findLeaks(child.lines, { secrets })).toEqual([])
    })
  })
}
