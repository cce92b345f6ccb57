import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { caCertPathIn } from '../identity/host-env.js'
import { readStateFile } from '../state/store.js'
import type { AzArguments } from './args.js'
import type { CliIo } from './start-command.js'

/** Thrown when the Azure CLI cannot be pointed at the emulator (no state, never started, no `az`). */
export class AzUnavailableError extends Error {
  override name = 'AzUnavailableError' as const
  readonly code = 'UAMI_EMU_AZ_UNAVAILABLE'
}

/** Name of the custom cloud registered in the isolated CLI configuration. */
export const AZ_CLOUD_NAME = 'UamiLocal'

/** Directory holding the `sitecustomize.py` that works around Debian azure-cli 2.45's packaging bugs. */
export const AZ_SITECUSTOMIZE_DIR = fileURLToPath(new URL('../../az/', import.meta.url))

/** What the helper needs to know about a served emulator. */
export interface AzTarget {
  armEndpoint: string
  caCertPath: string
  developer: { clientId: string; clientSecret: string }
  subscriptionId: string
  /** The CLI's configuration directory (`AZURE_CONFIG_DIR`), private to this emulator state. */
  configDir: string
}

/**
 * The environment the Azure CLI runs with against the emulator: an isolated `AZURE_CONFIG_DIR`, the local CA as
 * `REQUESTS_CA_BUNDLE`, telemetry and the error-recommendation service off, the Debian work-arounds on
 * `PYTHONPATH`, and every non-loopback request sent to a dead proxy on 127.0.0.1:9 so that nothing leaves the
 * machine even outside a network namespace.
 */
export function azEnvironment(target: AzTarget, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const pythonPath = [AZ_SITECUSTOMIZE_DIR, base.PYTHONPATH].filter(Boolean).join(':')
  return {
    ...base,
    AZURE_CONFIG_DIR: target.configDir,
    REQUESTS_CA_BUNDLE: target.caCertPath,
    AZURE_CORE_COLLECT_TELEMETRY: 'false',
    AZURE_CORE_ERROR_RECOMMENDATION: 'off',
    AZURE_CORE_SURVEY_MESSAGE: 'false',
    AZURE_CORE_NO_COLOR: 'true',
    AZURE_CORE_ONLY_SHOW_ERRORS: base.AZURE_CORE_ONLY_SHOW_ERRORS ?? 'false',
    AZURE_EXTENSION_USE_DYNAMIC_INSTALL: 'no',
    PYTHONPATH: pythonPath,
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
    http_proxy: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  }
}

/** The cloud registration (`az cloud register --cloud-config`): ARM, authority and Graph on the emulator. */
export function azCloudConfig(armEndpoint: string): unknown {
  return {
    endpoints: {
      resourceManager: `${armEndpoint}/`,
      activeDirectory: armEndpoint,
      activeDirectoryResourceId: 'https://management.azure.com/',
      activeDirectoryGraphResourceId: 'https://graph.windows.net/',
      microsoftGraphResourceId: `${armEndpoint}/`,
      vmImageAliasDoc: `${armEndpoint}/uami/vm-image-aliases.json`,
    },
  }
}

/** Runs `az` with `args`; resolves with its exit code (and output when `capture`). */
export function runAz(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: { capture?: boolean; az?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(options.az ?? 'az', [...args], {
      env,
      stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    })
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr?.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new AzUnavailableError(
              'The Azure CLI (az) is not installed. On Debian/Ubuntu: apt-get install azure-cli (see docs/guides/try-locally.md).',
            )
          : error,
      ),
    )
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout, stderr }))
  })
}

/**
 * Registers the emulator's cloud and signs in as the developer (service principal, tenant `adfs`: other tenants
 * make MSAL call Microsoft's instance discovery) the first time, or when the emulator's endpoint changed.
 * The secret is passed on the command line of a child only (never printed).
 */
export async function ensureAzSignedIn(target: AzTarget, env: NodeJS.ProcessEnv): Promise<void> {
  const marker = join(target.configDir, 'uami-signed-in.json')
  const wanted = JSON.stringify({ arm: target.armEndpoint, clientId: target.developer.clientId })
  if (existsSync(marker) && (await readFile(marker, 'utf8')) === wanted) return
  await mkdir(target.configDir, { recursive: true, mode: 0o700 })
  const cloudFile = join(target.configDir, 'uami-cloud.json')
  await writeFile(cloudFile, JSON.stringify(azCloudConfig(target.armEndpoint)), { mode: 0o600 })
  const steps: string[][] = [
    ['cloud', 'set', '--name', 'AzureCloud', '-o', 'none'],
    ['cloud', 'unregister', '--name', AZ_CLOUD_NAME, '-o', 'none'],
    ['cloud', 'register', '--name', AZ_CLOUD_NAME, '--cloud-config', `@${cloudFile}`, '-o', 'none'],
    ['cloud', 'set', '--name', AZ_CLOUD_NAME, '-o', 'none'],
    [
      'login',
      '--service-principal',
      '-u',
      target.developer.clientId,
      '-p',
      target.developer.clientSecret,
      '--tenant',
      'adfs',
      '-o',
      'none',
    ],
    ['account', 'set', '--subscription', target.subscriptionId, '-o', 'none'],
  ]
  for (const [i, step] of steps.entries()) {
    const result = await runAz(step, { ...env, AZURE_CORE_ONLY_SHOW_ERRORS: 'true' }, { capture: true })
    // Unregistering a cloud that is not registered yet fails, and that is fine.
    if (result.code !== 0 && i !== 1) {
      const what =
        step[0] === 'login' ? 'az login --service-principal ... --tenant adfs' : `az ${step.join(' ')}`
      throw new AzUnavailableError(
        `Setting up the Azure CLI against the emulator failed at '${what}': ${result.stderr.trim().split('\n').slice(-3).join(' ')}`,
      )
    }
  }
  await writeFile(marker, wanted, { mode: 0o600 })
}

/** The helper's target for the emulator state in `stateDir` (which must have been served once). */
export async function azTargetOf(stateDir: string): Promise<AzTarget> {
  const data = await readStateFile(stateDir)
  if (!data?.ports) {
    throw new AzUnavailableError(
      `There is no served emulator state in ${stateDir}. Start the emulator first (uami-emulator start --state ${stateDir}).`,
    )
  }
  return {
    armEndpoint: `https://127.0.0.1:${data.ports.arm}`,
    caCertPath: caCertPathIn(stateDir),
    developer: { clientId: data.developer.clientId, clientSecret: data.developer.clientSecret },
    subscriptionId: data.subscriptionId,
    configDir: join(stateDir, 'az'),
  }
}

/**
 * `uami-emulator az [--state <dir>] -- <az arguments>`: runs the installed Azure CLI against the running
 * emulator, signed in as the developer, in a configuration directory of its own (`<state>/az`): your own `az`
 * login is never touched. Resolves with az's exit code.
 */
export async function runAzCommand(args: AzArguments, io: CliIo): Promise<number> {
  const target = await azTargetOf(args.stateDir)
  const env = azEnvironment(target)
  await ensureAzSignedIn(target, env)
  if (args.azArgs.length === 0) {
    io.stderr.write(
      'uami-emulator: signed in; pass the az arguments after --, e.g. uami-emulator az -- group list\n',
    )
    return 0
  }
  return (await runAz(args.azArgs, env)).code
}
