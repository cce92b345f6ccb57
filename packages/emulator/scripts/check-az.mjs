#!/usr/bin/env node
// `npm run check:az`: runs every `az` command of docs/guides with the real Azure CLI against the emulator, in the
// guides' order, inside a network namespace that has only loopback, then checks the effects with the @azure/arm-*
// clients. Commands the CLI cannot run offline are on EXCEPTIONS (with the reason) and are parse-checked instead.
// Prints the counts; exits 1 when a command fails or an effect is missing. Needs `az` (apt-get install azure-cli).
import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { getCACertificates, setDefaultCACertificates } from 'node:tls'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const repo = join(here, '..', '..', '..')
const guidesDir = join(repo, 'docs', 'guides')
/** The guides that teach commands, in the order a reader follows them (docs/guides/overview.md). */
const GUIDE_ORDER = ['create-identity.md', 'assign-role.md', 'attach-to-host.md', 'write-the-code.md']

/** Commands Debian's azure-cli 2.45 cannot run against a local ARM, with the reason. Parse-checked instead. */
export const EXCEPTIONS = [
  {
    prefix: 'az login',
    exact: 'az login',
    reason:
      "interactive sign-in: MSAL first calls instance discovery on login.microsoftonline.com (offline it fails). The check signs in as the emulator's developer with `az login --service-principal ... --tenant adfs` instead (what `uami-emulator az` does).",
  },
  {
    prefix: 'az containerapp ',
    reason:
      "`containerapp` is an extension in azure-cli 2.45, downloaded from the internet at first use (not available offline; dynamic install is off). Container Apps are checked through @azure/arm-appcontainers by the emulator's tests.",
  },
]

/** Flags of the containerapp extension's commands the guides use (from the extension's reference docs). */
const CONTAINERAPP_FLAGS = {
  'env create': ['-g', '--resource-group', '-n', '--name', '-l', '--location', '--logs-destination'],
  create: [
    '-g',
    '-n',
    '--environment',
    '--image',
    '--target-port',
    '--ingress',
    '--user-assigned',
    '--env-vars',
  ],
  'identity assign': ['-g', '-n', '--user-assigned', '--system-assigned'],
  'identity show': ['-g', '-n'],
  update: ['-g', '-n', '--set-env-vars', '--image', '--remove-env-vars'],
}

function log(line = '') {
  process.stdout.write(`${line}\n`)
}

/** Re-runs this script in a new user + network namespace with only `lo` up, unless already inside one. */
function isolate() {
  if (process.env.UAMI_AZ_CHECK_ISOLATED === '1') return false
  if (
    spawnSync('az', ['--version'], {
      stdio: 'ignore',
      env: { ...process.env, AZURE_CORE_COLLECT_TELEMETRY: 'false' },
    }).error
  ) {
    console.error('check:az: the Azure CLI (az) is not installed. Install it: apt-get install -y azure-cli')
    process.exit(1)
  }
  const inner = `ip link set lo up && exec "${process.execPath}" "${fileURLToPath(import.meta.url)}"`
  for (const flags of [['-rn'], ['-n']]) {
    const probe = spawnSync('unshare', [...flags, 'true'], { stdio: 'ignore' })
    if (probe.status !== 0) continue
    const child = spawn('unshare', [...flags, 'sh', '-c', inner], {
      stdio: 'inherit',
      env: { ...process.env, UAMI_AZ_CHECK_ISOLATED: '1' },
    })
    child.on('close', (code) => process.exit(code ?? 1))
    return true
  }
  console.error(
    'check:az: cannot create a loopback-only network namespace (unshare -rn / unshare -n failed); refusing to run the Azure CLI without one.',
  )
  process.exit(1)
}

/** The `az` command lines of the guides, in order, with `{@include}`s resolved and multi-line quotes joined. */
async function extractCommands() {
  const commands = []
  for (const guide of GUIDE_ORDER) {
    const text = await readFile(join(guidesDir, guide), 'utf8')
    const expanded = await expandIncludes(text)
    for (const block of expanded.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)) {
      let pending = ''
      for (const line of (block[1] ?? '').split('\n')) {
        pending = pending ? `${pending}\n${line}` : line
        if ((pending.match(/"/g) ?? []).length % 2 === 1) continue
        const command = pending.trim()
        pending = ''
        if (/^(?:[A-Z_]+=\$\()?az\s/.test(command)) commands.push({ guide, command })
      }
    }
  }
  return commands
}

async function expandIncludes(text) {
  const parts = []
  let last = 0
  for (const match of text.matchAll(/\{@include \.\/([^}]+)\}/g)) {
    parts.push(text.slice(last, match.index))
    parts.push(await readFile(join(guidesDir, match[1]), 'utf8'))
    last = (match.index ?? 0) + match[0].length
  }
  parts.push(text.slice(last))
  return parts.join('')
}

function exceptionOf(command) {
  return EXCEPTIONS.find((e) => (e.exact ? command === e.exact : command.startsWith(e.prefix)))
}

function bash(script, env, capture = true) {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-o', 'pipefail', '-c', script], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => {
      stdout += c
    })
    child.stderr.on('data', (c) => {
      stderr += c
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code: code ?? 1, stdout, stderr, capture })
    })
  })
}

/** Parse-check of an exception: shell syntax, and the flags against the CLI's help (or the extension's table). */
async function parseCheck(command, env) {
  const syntax = spawnSync('bash', ['-n', '-c', command])
  if (syntax.status !== 0) return `shell syntax: ${syntax.stderr}`
  const words = command.split(/\s+/)
  const flags = words.filter((w) => /^--?[a-z]/.test(w))
  if (command.startsWith('az containerapp ')) {
    const sub = words.slice(2, 4).join(' ')
    const key = CONTAINERAPP_FLAGS[sub] ? sub : words[2]
    const known = CONTAINERAPP_FLAGS[key]
    if (!known) return `unknown containerapp command '${sub}'`
    const unknown = flags.filter((f) => !known.includes(f))
    return unknown.length ? `unknown flags for az containerapp ${key}: ${unknown.join(', ')}` : undefined
  }
  const path = words
    .slice(1)
    .filter((w, i, all) => !w.startsWith('-') && all.slice(0, i).every((x) => !x.startsWith('-')))
  const help = await bash(`az ${path.join(' ')} --help`, env)
  if (help.code !== 0) return `az ${path.join(' ')} --help failed`
  const unknown = flags.filter((f) => !help.stdout.includes(f))
  return unknown.length ? `flags not in az ${path.join(' ')} --help: ${unknown.join(', ')}` : undefined
}

async function main() {
  if (isolate()) return
  const { startEmulator } = await import('../dist/index.js')
  const { azEnvironment, azTargetOf, ensureAzSignedIn } = await import('../dist/bin/az-command.js')
  const work = await mkdtemp(join(tmpdir(), 'uami-az-check-'))
  const stateDir = join(work, 'state')
  const home = join(work, 'home')
  const emulator = await startEmulator({ stateDir })
  let failures = 0
  try {
    spawnSync('mkdir', ['-p', join(home, '.ssh')])
    spawnSync('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'uami-check',
      '-f',
      join(home, '.ssh', 'id_ed25519'),
    ])
    const target = await azTargetOf(stateDir)
    const env = { ...azEnvironment(target), HOME: home, AZURE_CORE_ONLY_SHOW_ERRORS: 'true' }
    await ensureAzSignedIn(target, env)
    const vars = { SUBSCRIPTION_ID: emulator.subscriptionId }
    const commands = await extractCommands()
    const counts = { verbatim: 0, workaround: 0, exception: 0 }
    log(
      `check:az: ${commands.length} az commands in ${GUIDE_ORDER.join(', ')}; emulator ${emulator.armEndpoint} (loopback-only network namespace)`,
    )
    for (const { guide, command } of commands) {
      const shown = command.split('\n')[0] + (command.includes('\n') ? ' …' : '')
      const exception = exceptionOf(command)
      if (exception) {
        const problem = await parseCheck(command, { ...env, ...vars })
        counts.exception++
        if (problem) failures++
        log(
          `${problem ? 'FAIL' : 'skip'}  ${guide}: ${shown}\n        exception: ${exception.reason}${problem ? `\n        parse-check: ${problem}` : '\n        parse-check: ok'}`,
        )
        continue
      }
      const assign = /^([A-Z_]+)=\$\(([\s\S]*)\)$/.exec(command)
      const result = await bash(assign ? assign[2] : command, { ...env, ...vars })
      const ok = result.code === 0 && (!assign || result.stdout.trim() !== '')
      if (ok && assign) vars[assign[1]] = result.stdout.trim()
      if (ok) counts.verbatim++
      else failures++
      log(`${ok ? 'ok  ' : 'FAIL'}  ${guide}: ${shown}`)
      if (!ok)
        log(
          `        exit ${result.code}: ${(result.stderr || result.stdout).trim().split('\n').slice(-4).join('\n        ')}`,
        )
    }
    failures += await checkEffects(emulator, vars)
    log(
      `check:az: ${counts.verbatim} of ${commands.length} commands ran verbatim against the emulator, ${counts.workaround} with a work-around, ${counts.exception} on the exception list (parse-checked); ${failures} failure(s).`,
    )
  } finally {
    await emulator.stop()
    await rm(work, { recursive: true, force: true })
  }
  process.exitCode = failures ? 1 : 0
}

/** Checks through the @azure/arm-* clients that the commands had their effect. Returns the number of failures. */
async function checkEffects(emulator, vars) {
  setDefaultCACertificates([...getCACertificates('default'), await readFile(emulator.caCertPath, 'utf8')])
  const { ClientSecretCredential } = await import('@azure/identity')
  const { ManagedServiceIdentityClient } = await import('@azure/arm-msi')
  const { AuthorizationManagementClient } = await import('@azure/arm-authorization')
  const { WebSiteManagementClient } = await import('@azure/arm-appservice')
  const { ComputeManagementClient } = await import('@azure/arm-compute')
  const { AppConfigurationClient } = await import('@azure/app-configuration')
  const credential = new ClientSecretCredential(
    emulator.tenantId,
    emulator.developer.clientId,
    emulator.developer.clientSecret,
    {
      authorityHost: emulator.authorityHost,
      disableInstanceDiscovery: true,
    },
  )
  const options = { endpoint: emulator.armEndpoint }
  const sub = emulator.subscriptionId
  const checks = [
    [
      'identity id-uami exists with the principal ID the guide read',
      async () => {
        const identity = await new ManagedServiceIdentityClient(
          credential,
          sub,
          options,
        ).userAssignedIdentities.get('rg-uami', 'id-uami')
        return identity.principalId === vars.PRINCIPAL_ID && identity.clientId === vars.CLIENT_ID
      },
    ],
    [
      'role assignments on the store: Data Reader for the identity, Data Owner for the developer',
      async () => {
        const client = new AuthorizationManagementClient(credential, sub, options)
        const found = []
        for await (const a of client.roleAssignments.listForScope(vars.STORE_ID)) found.push(a)
        const has = (principal, guid) =>
          found.some((a) => a.principalId === principal && a.roleDefinitionId?.endsWith(guid))
        return (
          has(vars.PRINCIPAL_ID, '516239f1-63e1-4d78-a4de-a74fb236a071') &&
          has(vars.MY_OBJECT_ID, '5ae67dd6-50cb-40e7-96ff-dc2bfa4b606b')
        )
      },
    ],
    [
      'identity attached to web app app-uami-7f3a9c, with its app settings',
      async () => {
        const client = new WebSiteManagementClient(credential, sub, options)
        const site = await client.webApps.get('rg-uami', 'app-uami-7f3a9c')
        const settings = await client.webApps.listApplicationSettings('rg-uami', 'app-uami-7f3a9c')
        return (
          Object.keys(site.identity?.userAssignedIdentities ?? {}).some(
            (id) => id.toLowerCase() === vars.IDENTITY_ID.toLowerCase(),
          ) &&
          settings.properties?.AZURE_CLIENT_ID === vars.CLIENT_ID &&
          settings.properties?.APP_CONFIG_ENDPOINT === vars.APP_CONFIG_ENDPOINT
        )
      },
    ],
    [
      'identity attached to VM vm-uami',
      async () => {
        const vm = await new ComputeManagementClient(credential, sub, options).virtualMachines.get(
          'rg-uami',
          'vm-uami',
        )
        return Object.keys(vm.identity?.userAssignedIdentities ?? {}).some(
          (id) => id.toLowerCase() === vars.IDENTITY_ID.toLowerCase(),
        )
      },
    ],
    [
      'Settings:Message is in the store (data plane)',
      async () => {
        const setting = await new AppConfigurationClient(
          vars.APP_CONFIG_ENDPOINT,
          credential,
        ).getConfigurationSetting({ key: 'Settings:Message' })
        return (
          typeof setting.value === 'string' && setting.value.startsWith('Read from Azure App Configuration')
        )
      },
    ],
  ]
  let failures = 0
  for (const [what, check] of checks) {
    let ok = false
    let why = ''
    try {
      ok = await check()
    } catch (error) {
      why = ` (${error.code ?? error.name}: ${String(error.message).split('\n')[0]})`
    }
    if (!ok) failures++
    log(`${ok ? 'ok  ' : 'FAIL'}  effect: ${what}${why}`)
  }
  return failures
}

await main()
