import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { TokenCredential } from '@azure/core-auth'
import { AzureCliCredential, DefaultAzureCredential } from '@azure/identity'
import { createArmClients } from '@uami/provision'
import { SubscriptionRequiredError } from '../errors/subscription-required-error.js'
import { UsageError } from '../errors/usage-error.js'
import type { TourTarget } from './target.js'

/** The developer credential for `--azure`, and why it was chosen. */
export interface AzureCredentialChoice {
  credential: TokenCredential
  kind: 'DefaultAzureCredential' | 'AzureCliCredential'
  note: string
}

/**
 * Chooses how the tour signs you in to Azure: `DefaultAzureCredential` when `AZURE_TOKEN_CREDENTIALS` is set (the
 * SDK then restricts the chain to what it names, e.g. `AzureCliCredential` or `dev`), otherwise
 * `AzureCliCredential` — your `az login` — so that nothing probes for a managed identity on your machine.
 *
 * @example
 * ```ts
 * azureCredential({ AZURE_TOKEN_CREDENTIALS: 'AzureCliCredential' }).kind // 'DefaultAzureCredential'
 * ```
 */
export function azureCredential(
  env: Readonly<Record<string, string | undefined>> = process.env,
): AzureCredentialChoice {
  const restricted = env.AZURE_TOKEN_CREDENTIALS?.trim()
  if (restricted) {
    return {
      credential: new DefaultAzureCredential(),
      kind: 'DefaultAzureCredential',
      note: `DefaultAzureCredential, restricted by AZURE_TOKEN_CREDENTIALS=${restricted}.`,
    }
  }
  return {
    credential: new AzureCliCredential(),
    kind: 'AzureCliCredential',
    note: 'AzureCliCredential (your az login). Set AZURE_TOKEN_CREDENTIALS to use DefaultAzureCredential with another sign-in.',
  }
}

/** Options of {@link openAzureTarget}. */
export interface AzureTargetOptions {
  subscription: string | undefined
  env?: Readonly<Record<string, string | undefined>> | undefined
  sshPublicKey?: string | undefined
  /** Where VM keys are looked for. Default: the home directory. */
  home?: string | undefined
}

/**
 * Prepares the Azure target: subscription from `--subscription` or `AZURE_SUBSCRIPTION_ID`, the developer
 * credential from {@link azureCredential}, and the ARM clients against `https://management.azure.com`. Sends
 * nothing yet.
 *
 * @throws {@link SubscriptionRequiredError} without a subscription; {@link UsageError} for an unreadable SSH key.
 */
export function openAzureTarget(options: AzureTargetOptions): TourTarget {
  const env = options.env ?? process.env
  const subscriptionId = options.subscription ?? env.AZURE_SUBSCRIPTION_ID
  if (!subscriptionId) throw new SubscriptionRequiredError()
  const choice = azureCredential(env)
  const sshPublicKey = readSshKey(options.sshPublicKey, options.home ?? homedir())
  return {
    kind: 'azure',
    key: `azure:${subscriptionId.toLowerCase()}`,
    subscriptionId,
    clients: createArmClients({ credential: choice.credential, subscriptionId }),
    credential: choice.credential,
    credentialNote: choice.note,
    emulator: undefined,
    prerequisites: 'create',
    sshPublicKey,
    describe: `Azure subscription ${subscriptionId}`,
    stop: async () => {},
  }
}

function readSshKey(path: string | undefined, home: string): string | undefined {
  const candidates = path ? [path] : [join(home, '.ssh', 'id_ed25519.pub'), join(home, '.ssh', 'id_rsa.pub')]
  for (const candidate of candidates) {
    if (existsSync(candidate)) {
      try {
        return readFileSync(candidate, 'utf8').trim()
      } catch (error) {
        throw new UsageError(`--ssh-public-key ${candidate} cannot be read: ${(error as Error).message}`)
      }
    }
  }
  if (path) throw new UsageError(`--ssh-public-key ${path} does not exist.`)
  return undefined
}
