import { execFile } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { errorCatalogue } from '@uami/credential'
import { errorCatalogue as sampleErrorCatalogue } from '@uami/fastify-app-configuration'
import { provisionErrorCatalogue, renderCommand } from '@uami/provision'
import { tourErrorCatalogue } from '@uami/tour'
import { describe, expect, it } from 'vitest'
import { GENERATED_DIR, generatedFiles } from '../src/generated-files.ts'
import { expandTokens } from '../src/shell-tokens.ts'
import { REPO_ROOT } from './helpers/site.ts'

const run = promisify(execFile)

async function generated(name: string): Promise<string> {
  return readFile(join(GENERATED_DIR, name), 'utf8')
}

describe('generated fragments (docs/guides/generated)', () => {
  it('hold exactly what the packages render today, so no table or command is edited by hand', async () => {
    const expected = generatedFiles()
    const onDisk = (await readdir(GENERATED_DIR)).sort()
    expect(onDisk).toEqual([...expected.keys()].sort())
    for (const [name, content] of expected) {
      expect(await generated(name), `${name} is out of date: run \`npm run docs\``).toBe(content)
    }
  })

  it('list every error code the packages export, each with its own anchor', async () => {
    const page = await generated('error-catalogue.md')
    const codes = [
      ...errorCatalogue,
      ...sampleErrorCatalogue,
      ...provisionErrorCatalogue,
      ...tourErrorCatalogue,
    ].map((row) => row.code)
    expect(codes.length).toBeGreaterThan(20)
    for (const code of codes) {
      expect(page).toContain(`| <a id="${code.toLowerCase()}"></a>\`${code}\` |`)
    }
  })

  it("attach the identity with each host's own flag: --identities for webapp and vm, --user-assigned for containerapp", async () => {
    expect(await generated('az-attach-app-service.md')).toMatch(
      /az webapp identity assign .* --identities "\$IDENTITY_ID"/,
    )
    expect(await generated('az-attach-vm.md')).toMatch(
      /az vm identity assign .* --identities "\$IDENTITY_ID"/,
    )
    const containerApps = await generated('az-attach-container-apps.md')
    expect(containerApps).toMatch(/az containerapp identity assign .* --user-assigned "\$IDENTITY_ID"/)
    expect(containerApps).not.toContain('--identities')
  })

  it('assign App Configuration Data Reader to the object ID with its principal type, never by --assignee', async () => {
    const role = await generated('az-role-assignment.md')
    expect(role).toContain(
      'az role assignment create --assignee-object-id "$PRINCIPAL_ID" --assignee-principal-type ServicePrincipal --role "App Configuration Data Reader" --scope "$STORE_ID"',
    )
    expect(role).not.toMatch(/--assignee\s/)
  })

  it("give each sample its own identifier variable with the identity's matching identifier", async () => {
    expect(await generated('az-app-settings-app-service.md')).toContain('AZURE_CLIENT_ID="$CLIENT_ID"')
    expect(await generated('az-app-settings-container-apps.md')).toContain(
      'AZURE_MANAGED_IDENTITY_RESOURCE_ID="$IDENTITY_ID"',
    )
  })

  it("rewrite the environment file the VM sample's systemd unit reads, with the identity's object ID in it", async () => {
    const unit = await readFile(join(REPO_ROOT, 'samples/vm/deploy/uami-sample.service'), 'utf8')
    const environmentFile = /^EnvironmentFile=-?(\S+)$/m.exec(unit)?.[1]
    expect(environmentFile).toBeDefined()
    const fence = (await generated('az-app-settings-vm.md')).split('```')
    const command = fence[1]?.replace(/^sh\n/, '').trim() ?? ''
    const { stdout } = await run('sh', ['-c', `az() { printf '%s\\0' "$@"; }; ${command}`], {
      env: { PATH: process.env.PATH, PRINCIPAL_ID: 'object-id', APP_CONFIG_ENDPOINT: 'https://store' },
    })
    const argv = stdout.split('\0')
    const script = argv[argv.indexOf('--scripts') + 1] ?? ''
    expect(argv.slice(0, 3)).toEqual(['vm', 'run-command', 'invoke'])
    expect(script).toContain(`cat > ${environmentFile} <<'UAMI_EOF'`)
    expect(script).toContain(
      'AZURE_MANAGED_IDENTITY_OBJECT_ID=object-id\nAPP_CONFIG_ENDPOINT=https://store\n',
    )
    expect(script).toContain('systemctl restart uami-sample')
  })
})

describe('expandTokens', () => {
  const value = `it's a "value" with $HOME and spaces`

  async function shellArgs(command: string): Promise<string[]> {
    const { stdout } = await run('sh', ['-c', `set -- ${command}; printf '%s\\0' "$@"`], {
      env: { PATH: process.env.PATH, VALUE: value },
    })
    return stdout.split('\0').slice(0, -1)
  }

  it('makes a shell pass the variable’s value unchanged, bare, inside double quotes and inside single quotes', async () => {
    const argv = ['--bare', '__V__', '--double', 'a b __V__', '--single', `it's "__V__"`, '--pair', 'K=__V__']
    const command = expandTokens(renderCommand(argv), { __V__: 'VALUE' })
    expect(await shellArgs(command)).toEqual(argv.map((arg) => arg.replaceAll('__V__', value)))
  })
})
