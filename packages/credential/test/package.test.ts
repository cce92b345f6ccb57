import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// The repository's offline installer (scripts/), shared with the samples' copy-out test.
import { offlineInstall, runBounded } from '../../../scripts/offline-install.mjs'
import { PACKAGE_DIR } from './helpers/run-node.ts'

// Packs the package, installs the tarball into a fresh project (dependencies come from the npm cache that `npm ci`
// filled: `--offline`, no registry access, no lock shared with other clones) and
// uses it the way a consumer would: ESM import, type-check with the repository's TypeScript, publint, attw.

const REPO = join(PACKAGE_DIR, '../..')
const BIN = join(REPO, 'node_modules/.bin')
const TSC = join(REPO, 'node_modules/typescript/bin/tsc')
const SLOW = 300_000

/** Runs a command in its own process group, killed whole if it outlives its time (scripts/offline-install.mjs). */
function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<{ stdout: string; stderr: string }> {
  return runBounded(command, args, { ...options, timeoutMs: 120_000 })
}

describe('the published package', () => {
  let work: string
  let project: string
  let tarball: string

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'uami-credential-pack-'))
    project = join(work, 'consumer')
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: PACKAGE_DIR })
    const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>
    if (packed === undefined) throw new Error('npm pack printed nothing')
    tarball = join(work, packed.filename)
    writeFileSync(join(work, 'files.json'), JSON.stringify(packed.files.map((file) => file.path)))
    rmSync(project, { recursive: true, force: true })
    mkdirSync(project, { recursive: true })
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    )
    await offlineInstall({
      project,
      tarballs: { '@uami/credential': tarball },
      dependencies: { fastify: '^5' },
      timeoutMs: SLOW - 10_000,
    })
  }, SLOW)

  afterAll(() => {
    if (work !== undefined) rmSync(work, { recursive: true, force: true })
  })

  it('ships dist, src, the docs and the license, and no tests', async () => {
    const { readFileSync } = await import('node:fs')
    const files = JSON.parse(readFileSync(join(work, 'files.json'), 'utf8')) as string[]
    for (const file of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/fastify.js',
      'dist/fastify.d.ts',
      'dist/diagnostics.js',
      'dist/diagnostics.d.ts',
      'README.md',
      'CHANGELOG.md',
      'ERRORS.md',
      'LICENSE',
      'package.json',
    ]) {
      expect(files).toContain(file)
    }
    expect(files.filter((file) => file.startsWith('test/') || file.endsWith('.tsbuildinfo'))).toEqual([])
  })

  it(
    'imports from ESM, all three entry points, with a main entry of twelve runtime exports',
    async () => {
      const script = `
      import * as credential from '@uami/credential'
      import { uamiCredential } from '@uami/credential/fastify'
      import * as diagnostics from '@uami/credential/diagnostics'
      import manifest from '@uami/credential/package.json' with { type: 'json' }
      const selector = credential.identityFromEnv({ AZURE_MANAGED_IDENTITY_OBJECT_ID: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d' })
      let code
      try { credential.createCredential({ selector: 'x' }) } catch (error) { code = error.code }
      console.log(JSON.stringify({
        name: manifest.name,
        selector,
        host: credential.detectHost({ CONTAINER_APP_NAME: 'a' }),
        summary: credential.chooseCredential({ env: {}, selector, host: 'vm' }).credentialKind,
        code,
        plugin: typeof uamiCredential,
        errors: credential.errorCatalogue.length,
        main: Object.keys(credential).sort(),
        diagnostics: typeof diagnostics.inspectHost,
      }))
    `
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
        cwd: project,
        env: { PATH: process.env.PATH ?? '' },
      })
      expect(JSON.parse(stdout)).toEqual({
        name: '@uami/credential',
        selector: { objectId: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d' },
        host: 'container-apps',
        summary: 'ManagedIdentityCredential',
        code: 'UAMI_CRED_INVALID_SELECTOR',
        plugin: 'function',
        errors: 21,
        main: [
          'IDENTITY_VARIABLES',
          'UamiCredentialError',
          'chooseCredential',
          'createCredential',
          'describeAccessToken',
          'detectHost',
          'errorCatalogue',
          'explainAuthError',
          'identityFromEnv',
          'isUamiCredentialError',
          'matchIdentity',
          'parseIdentitySelector',
        ],
        diagnostics: 'function',
      })
    },
    SLOW,
  )

  it(
    'type-checks the README examples and a consumer file against the installed package',
    async () => {
      for (const example of [
        'api.ts',
        'app-service.ts',
        'container-apps.ts',
        'vm.ts',
        'any-kind.ts',
        'fastify.ts',
      ]) {
        copyFileSync(join(PACKAGE_DIR, 'examples', example), join(project, example))
      }
      writeFileSync(
        join(project, 'consumer.ts'),
        `import type { IdentitySelector, IdentitySummary } from '@uami/credential'
import { createCredential, isUamiCredentialError, parseIdentitySelector } from '@uami/credential'
import Fastify from 'fastify'
import { uamiCredential } from '@uami/credential/fastify'

const selector: IdentitySelector = { resourceId: '/subscriptions/…' }
// @ts-expect-error a string is never a selector (ERRATA #1)
const wrong: IdentitySelector = '7d1f3f2e-8c4b-4f7a-9a51-2b8e6c0d4f11'
// @ts-expect-error one identifier only
const both: IdentitySelector = { clientId: 'a', objectId: 'b' }
const { summary } = createCredential({ selector, host: 'container-apps' })
try {
  parseIdentitySelector({ kind: 'objectId', value: 'x' })
} catch (error) {
  // The code narrows to the class with its typed fields.
  if (isUamiCredentialError(error, 'UAMI_CRED_INVALID_GUID')) {
    const position: number | undefined = error.position
    void position
  }
}
const kind: 'clientId' | 'resourceId' | 'objectId' = summary.selector.kind
const app = Fastify()
await app.register(uamiCredential, { selector })
const identity: IdentitySummary = app.azureIdentity
const scopes: string | string[] = 'https://appconfig.azure.com/.default'
await app.azureCredential.getToken(scopes)
export { both, identity, isUamiCredentialError, kind, wrong }
`,
      )
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2023',
            lib: ['ES2023'],
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            exactOptionalPropertyTypes: true,
            noUncheckedIndexedAccess: true,
            verbatimModuleSyntax: true,
            skipLibCheck: false,
            noEmit: true,
            types: ['node'],
            typeRoots: [join(REPO, 'node_modules/@types')],
          },
          include: ['*.ts'],
        }),
      )
      const result = await run(process.execPath, [TSC, '-p', project], { cwd: project }).catch(
        (error: Error) => ({ stdout: error.message, stderr: '' }),
      )
      expect(`${result.stdout}${result.stderr}`).toBe('')
    },
    SLOW,
  )

  it(
    'passes publint --strict',
    async () => {
      const { stdout } = await run(join(BIN, 'publint'), ['--strict'], { cwd: PACKAGE_DIR })
      expect(stdout).toContain('All good!')
    },
    SLOW,
  )

  it(
    'passes attw with the esm-only profile',
    async () => {
      const { stdout } = await run(
        join(BIN, 'attw'),
        ['--pack', '.', '--profile', 'esm-only', '--format', 'json'],
        { cwd: PACKAGE_DIR },
      )
      const report = JSON.parse(stdout) as { analysis: { problems: Record<string, unknown>[] } }
      const relevant = report.analysis.problems.filter(
        (problem) => problem.resolutionKind !== 'node10' && problem.resolutionKind !== 'node16-cjs',
      )
      expect(relevant).toEqual([])
    },
    SLOW,
  )
})
