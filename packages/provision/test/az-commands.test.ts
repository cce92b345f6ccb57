import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  azCommands,
  environmentFileScript,
  renderCommand,
  shellQuote,
  VM_ENVIRONMENT_FILE,
} from '../src/index.ts'

const sub = '00000000-0000-4000-8000-000000000001'
const identityId = `/subscriptions/${sub}/resourceGroups/rg-uami/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-uami`
const storeId = `/subscriptions/${sub}/resourceGroups/rg-uami/providers/Microsoft.AppConfiguration/configurationStores/appcs-uami`

/** Runs a rendered command line through /bin/sh with `printf` in place of `az`, returning the argv sh produced. */
function argvAfterShell(line: string): string[] {
  const script = `az() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${line}`
  const out = execFileSync('/bin/sh', ['-c', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: '/home/tester' },
  })
  return out.split('\0').slice(0, -1)
}

describe('shellQuote', () => {
  it('leaves plain names, IDs and URLs bare', () => {
    expect(shellQuote('rg-uami')).toBe('rg-uami')
    expect(shellQuote(identityId)).toBe(identityId)
    expect(shellQuote('https://appcs-uami.azconfig.io')).toBe('https://appcs-uami.azconfig.io')
  })

  it('uses double quotes for spaces when nothing inside would expand', () => {
    expect(shellQuote('App Configuration Data Reader')).toBe('"App Configuration Data Reader"')
  })

  it('falls back to single quotes for $, backquotes, quotes and history characters', () => {
    expect(shellQuote('$HOME')).toBe("'$HOME'")
    expect(shellQuote("it's")).toBe(`"it's"`)
    expect(shellQuote(`it's "$x"`)).toBe(`'it'\\''s "$x"'`)
    expect(shellQuote('')).toBe("''")
  })

  it('round-trips hostile values through a real POSIX shell unchanged', () => {
    const values = [
      'plain',
      'with space',
      "single ' quote",
      'double " quote',
      '$HOME and `uname` and $(id)',
      'back\\slash',
      'glob * ? [a]',
      '~/not-home',
      '=leading-equals',
      'semi; rm -rf /tmp/x && echo pwned | cat',
      'new\nline',
      'bang! !!',
      '{a,b}',
      'KEY=~/x',
      '',
    ]
    expect(argvAfterShell(renderCommand(['az', ...values]))).toEqual(values)
  })
})

describe('azCommands', () => {
  const appService = { kind: 'app-service', resourceGroup: 'rg-uami', name: 'app-uami' } as const
  const containerApps = { kind: 'container-apps', resourceGroup: 'rg-uami', name: 'ca-uami' } as const
  const vm = { kind: 'vm', resourceGroup: 'rg-uami', name: 'vm-uami' } as const

  it('creates the identity with short flags, as the article does', () => {
    expect(azCommands.identityCreate({ resourceGroup: 'rg-uami', name: 'id-uami' })).toBe(
      'az identity create -g rg-uami -n id-uami',
    )
    expect(azCommands.identityShow({ resourceGroup: 'rg-uami', name: 'id-uami', query: 'principalId' })).toBe(
      'az identity show -g rg-uami -n id-uami --query principalId -o tsv',
    )
  })

  it('attaches with --identities for App Service and VMs but --user-assigned for Container Apps (ERRATA #2)', () => {
    expect(azCommands.identityAssign(appService, identityId)).toBe(
      `az webapp identity assign -g rg-uami -n app-uami --identities ${identityId}`,
    )
    expect(azCommands.identityAssign(containerApps, identityId)).toBe(
      `az containerapp identity assign -g rg-uami -n ca-uami --user-assigned ${identityId}`,
    )
    expect(azCommands.identityAssign(vm, identityId)).toBe(
      `az vm identity assign -g rg-uami -n vm-uami --identities ${identityId}`,
    )
    expect(azCommands.identityAssign(containerApps, identityId)).not.toContain('--identities')
    expect(azCommands.identityRemove(containerApps, identityId)).toBe(
      `az containerapp identity remove -g rg-uami -n ca-uami --user-assigned ${identityId}`,
    )
  })

  it('assigns App Configuration Data Reader by object ID and principal type, never --assignee (ERRATA #4, #5)', () => {
    const command = azCommands.roleAssignmentCreate({ principalId: 'aaaa-bbbb', scope: storeId })
    expect(command).toBe(
      `az role assignment create --assignee-object-id aaaa-bbbb --assignee-principal-type ServicePrincipal --role "App Configuration Data Reader" --scope ${storeId}`,
    )
    expect(command).not.toMatch(/--assignee /)
    expect(
      azCommands.roleAssignmentCreate({
        principalId: 'me',
        principalType: 'User',
        role: 'App Configuration Data Owner',
        scope: storeId,
      }),
    ).toContain('--assignee-principal-type User --role "App Configuration Data Owner"')
  })

  it('lists role assignments with a JMESPath filter the shell passes through intact', () => {
    const line = azCommands.roleAssignmentList({ principalId: 'aaaa-bbbb', scope: storeId })
    expect(argvAfterShell(line)).toEqual([
      'role',
      'assignment',
      'list',
      '--scope',
      storeId,
      '--query',
      "[?principalId=='aaaa-bbbb'].{role:roleDefinitionName, scope:scope}",
      '-o',
      'table',
    ])
  })

  it('creates the store Entra-only and seeds settings with --auth-mode login', () => {
    expect(
      azCommands.appConfigCreate({ resourceGroup: 'rg-uami', name: 'appcs-uami', location: 'swedencentral' }),
    ).toBe(
      'az appconfig create -g rg-uami -n appcs-uami -l swedencentral --sku Free --disable-local-auth true',
    )
    const kv = azCommands.kvSet({
      endpoint: 'https://appcs-uami.azconfig.io',
      key: 'message',
      value: "Hello, it's $USER",
    })
    expect(kv).toContain('--auth-mode login')
    expect(argvAfterShell(kv)).toContain("Hello, it's $USER")
  })

  it('renders the resource group commands', () => {
    expect(azCommands.groupCreate({ resourceGroup: 'rg-uami', location: 'swedencentral' })).toBe(
      'az group create -n rg-uami -l swedencentral',
    )
    expect(azCommands.groupDelete({ resourceGroup: 'rg-uami' })).toBe('az group delete -n rg-uami --yes')
    expect(azCommands.signIn(sub)).toEqual(['az login', `az account set --subscription ${sub}`])
  })

  it('renders each host creation, the VM with an SSH public key path the shell expands', () => {
    expect(azCommands.hostCreate({ ...appService, location: 'swedencentral' })).toEqual([
      'az appservice plan create -g rg-uami -n asp-app-uami -l swedencentral --is-linux --sku B1',
      'az webapp create -g rg-uami -n app-uami --plan asp-app-uami --runtime NODE:22-lts',
    ])
    expect(azCommands.hostCreate({ ...containerApps, location: 'swedencentral' })[1]).toContain(
      '--environment cae-ca-uami --image mcr.microsoft.com/k8se/quickstart:latest --target-port 80 --ingress external',
    )
    const [vmCreate] = azCommands.hostCreate({ ...vm, location: 'swedencentral' })
    expect(vmCreate).toContain("--ssh-key-values ~/.ssh/id_ed25519.pub --public-ip-address ''")
    expect(argvAfterShell(vmCreate ?? '')).toContain('/home/tester/.ssh/id_ed25519.pub')
  })

  it('sets the sample environment per host: app settings, env vars, or the environment file the VM unit reads', () => {
    const settings = { AZURE_CLIENT_ID: 'cid', APP_CONFIG_ENDPOINT: 'https://appcs-uami.azconfig.io' }
    expect(azCommands.appSettings(appService, settings)).toBe(
      'az webapp config appsettings set -g rg-uami -n app-uami --settings AZURE_CLIENT_ID=cid APP_CONFIG_ENDPOINT=https://appcs-uami.azconfig.io',
    )
    expect(azCommands.appSettings(containerApps, settings)).toBe(
      'az containerapp update -g rg-uami -n ca-uami --set-env-vars AZURE_CLIENT_ID=cid APP_CONFIG_ENDPOINT=https://appcs-uami.azconfig.io',
    )
    const line = azCommands.appSettings(vm, { AZURE_MANAGED_IDENTITY_OBJECT_ID: 'oid' }, { unit: 'uami-vm' })
    const argv = argvAfterShell(line)
    expect(argv.slice(0, 8)).toEqual([
      'vm',
      'run-command',
      'invoke',
      '-g',
      'rg-uami',
      '-n',
      'vm-uami',
      '--command-id',
    ])
    expect(argv.at(-1)).toBe(
      environmentFileScript(VM_ENVIRONMENT_FILE, 'uami-vm', { AZURE_MANAGED_IDENTITY_OBJECT_ID: 'oid' }),
    )
  })
})

describe('environmentFileScript', () => {
  it('rewrites the environment file (plain values bare, others quoted), keeps it root-only, restarts the unit', () => {
    const script = environmentFileScript('/etc/uami-sample.env', 'uami-sample', {
      A: 'plain',
      B: 'has "quotes", $HOME and a \\ backslash',
    })
    expect(script.split('\n')[0]).toBe("cat > /etc/uami-sample.env <<'UAMI_EOF'")
    expect(script).toContain('\nA=plain\n')
    expect(script).toContain('B="has \\"quotes\\", \\$HOME and a \\\\ backslash"')
    expect(script).toContain('chmod 600 /etc/uami-sample.env')
    expect(script.trim().split('\n').at(-1)).toBe('systemctl restart uami-sample')
  })

  it('writes a file that a shell reading it back sees exactly as given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uami-envfile-'))
    const file = join(dir, 'sample.env')
    const value = 'has "quotes", $HOME and a \\ backslash'
    const script = environmentFileScript(file, 'uami-sample', { A: 'plain', B: value })
      .split('\n')
      .filter((line) => !line.startsWith('systemctl'))
      .join('\n')
    execFileSync('/bin/sh', ['-c', script])
    // systemd's EnvironmentFile= quoting follows the shell's double-quote rules for these characters.
    const read = execFileSync('/bin/sh', ['-c', `set -a; . ${file}; printf '%s' "$B"`], { encoding: 'utf8' })
    expect(read).toBe(value)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    rmSync(dir, { recursive: true, force: true })
  })
})
