import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { HostKind, HostNames } from '@uami/provision'
import { azCommands, renderCommand } from '@uami/provision'
import { codeBlock, GENERATED_NOTICE } from './markdown.ts'
import { expandTokens } from './shell-tokens.ts'

/** The example names the guides use. The store and the web app need globally unique names: readers pick their own. */
export const EXAMPLE = {
  resourceGroup: 'rg-uami',
  location: 'swedencentral',
  store: 'appcs-uami-7f3a9c',
  identity: 'id-uami',
  hosts: {
    'app-service': 'app-uami-7f3a9c',
    'container-apps': 'ca-uami',
    vm: 'vm-uami',
  } satisfies Record<HostKind, string>,
} as const

/** Placeholders rendered through `azCommands` and then replaced by shell variables (see {@link expandTokens}). */
const TOKENS = {
  __SUBSCRIPTION_ID__: 'SUBSCRIPTION_ID',
  __MY_OBJECT_ID__: 'MY_OBJECT_ID',
  __APP_CONFIG_ENDPOINT__: 'APP_CONFIG_ENDPOINT',
  __STORE_ID__: 'STORE_ID',
  __IDENTITY_ID__: 'IDENTITY_ID',
  __CLIENT_ID__: 'CLIENT_ID',
  __PRINCIPAL_ID__: 'PRINCIPAL_ID',
} as const

type Token = keyof typeof TOKENS

/** The identifier variable each host's sample reads, and the token of the value it gets. */
const IDENTIFIER: Record<HostKind, { variable: string; token: Token }> = {
  'app-service': { variable: 'AZURE_CLIENT_ID', token: '__CLIENT_ID__' },
  'container-apps': { variable: 'AZURE_MANAGED_IDENTITY_RESOURCE_ID', token: '__IDENTITY_ID__' },
  vm: { variable: 'AZURE_MANAGED_IDENTITY_OBJECT_ID', token: '__PRINCIPAL_ID__' },
}

function hostNames(kind: HostKind): HostNames {
  return { kind, resourceGroup: EXAMPLE.resourceGroup, name: EXAMPLE.hosts[kind] }
}

/** `VAR=$(command)`: reads one value into a shell variable. */
function capture(token: Token, command: string): string {
  return `${TOKENS[token]}=$(${command})`
}

function fragment(lines: readonly string[]): string {
  const script = lines.map((line) => expandTokens(line, TOKENS)).join('\n')
  return `${GENERATED_NOTICE}\n\n${codeBlock('sh', script)}\n`
}

const { resourceGroup, location, store, identity } = EXAMPLE

/** Sign in and pick the subscription. */
export function signInFragment(): string {
  return fragment(azCommands.signIn('__SUBSCRIPTION_ID__'))
}

/** Resource group, App Configuration store (Entra ID only), Data Owner for you, one setting, and the check. */
export function appConfigurationFragment(): string {
  const storeShow = (query: string) =>
    renderCommand([
      'az',
      'appconfig',
      'show',
      '-g',
      resourceGroup,
      '-n',
      store,
      '--query',
      query,
      '-o',
      'tsv',
    ])
  return fragment([
    azCommands.groupCreate({ resourceGroup, location }),
    azCommands.appConfigCreate({ resourceGroup, name: store, location }),
    capture('__STORE_ID__', storeShow('id')),
    capture('__APP_CONFIG_ENDPOINT__', storeShow('endpoint')),
    capture(
      '__MY_OBJECT_ID__',
      renderCommand(['az', 'ad', 'signed-in-user', 'show', '--query', 'id', '-o', 'tsv']),
    ),
    azCommands.roleAssignmentCreate({
      principalId: '__MY_OBJECT_ID__',
      principalType: 'User',
      role: 'App Configuration Data Owner',
      scope: '__STORE_ID__',
    }),
    azCommands.kvSet({
      endpoint: '__APP_CONFIG_ENDPOINT__',
      key: 'Settings:Message',
      value: 'Read from Azure App Configuration with a user-assigned managed identity.',
    }),
    azCommands.kvList({ endpoint: '__APP_CONFIG_ENDPOINT__' }),
  ])
}

/** Create the identity and read its three identifiers into variables. */
export function identityFragment(): string {
  const show = (query: 'clientId' | 'principalId' | 'id') =>
    azCommands.identityShow({ resourceGroup, name: identity, query })
  return fragment([
    azCommands.identityCreate({ resourceGroup, name: identity }),
    capture('__CLIENT_ID__', show('clientId')),
    capture('__IDENTITY_ID__', show('id')),
    capture('__PRINCIPAL_ID__', show('principalId')),
  ])
}

/** Create the host, attach the identity with the host's own flag (ERRATA #2), and read the identity block back. */
export function attachFragment(kind: HostKind): string {
  const host = hostNames(kind)
  return fragment([
    ...azCommands.hostCreate({ ...host, location }),
    azCommands.identityAssign(host, '__IDENTITY_ID__'),
    azCommands.hostIdentityShow(host),
  ])
}

/** App Configuration Data Reader for the identity on the store, by object ID (ERRATA #4, #5), and the check. */
export function roleAssignmentFragment(): string {
  return fragment([
    azCommands.roleAssignmentCreate({ principalId: '__PRINCIPAL_ID__', scope: '__STORE_ID__' }),
    azCommands.roleAssignmentList({ principalId: '__PRINCIPAL_ID__', scope: '__STORE_ID__' }),
  ])
}

/** The VM sample's systemd unit: the file it reads its deployment-specific variables from decides the command. */
const VM_UNIT_FILE = fileURLToPath(new URL('../../../samples/vm/deploy/uami-sample.service', import.meta.url))

/**
 * The environment file the VM sample's systemd unit reads (`EnvironmentFile=`), and the unit's name. Read from the
 * unit itself, so that the docs follow the deploy assets. Its values override `Environment=` lines, so a drop-in
 * with `Environment=` lines would not change them.
 */
export function vmEnvironmentFile(): { path: string; unit: string } {
  const unitText = readFileSync(VM_UNIT_FILE, 'utf8')
  const path = /^EnvironmentFile=-?(\S+)\s*$/m.exec(unitText)?.[1]
  if (path === undefined) throw new Error(`${VM_UNIT_FILE} has no EnvironmentFile= line`)
  return { path, unit: basename(VM_UNIT_FILE, '.service') }
}

/**
 * The sample's environment on the host: its identifier variable and the store's endpoint. App Service and
 * Container Apps take them through `azCommands.appSettings`; on the VM an `az vm run-command invoke` rewrites the
 * environment file the sample's unit reads and restarts the unit (the unit itself sets `AZURE_TOKEN_CREDENTIALS`).
 */
export function appSettingsFragment(kind: HostKind): string {
  const { variable, token } = IDENTIFIER[kind]
  const settings: Record<string, string> = {
    [variable]: token,
    APP_CONFIG_ENDPOINT: '__APP_CONFIG_ENDPOINT__',
  }
  if (kind !== 'vm') return fragment([azCommands.appSettings(hostNames(kind), settings)])
  const { path, unit } = vmEnvironmentFile()
  return fragment([azCommands.appSettings(hostNames(kind), settings, { environmentFile: path, unit })])
}
