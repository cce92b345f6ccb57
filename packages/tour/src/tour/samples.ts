import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { HostKind, IdentifierKind } from '@uami/provision'

/** A sample of the tour. */
export type SampleId = HostKind

/** What the tour knows about each sample. */
export interface SampleDef {
  id: SampleId
  /** e.g. `App Service`. */
  label: string
  /** How the sample names its identity. */
  identifierKind: IdentifierKind
  /** e.g. `AZURE_CLIENT_ID`. */
  variable: string
  /** Human name of the identifier kind. */
  kindLabel: string
  /** The npm workspace that holds the sample. */
  packageName: string
  /** Variables the deployment sets besides the identifier and endpoint (the VM's systemd unit). */
  deploymentEnv: Readonly<Record<string, string>>
}

/** The three samples, in the tutorial's order. */
export const SAMPLES: readonly SampleDef[] = [
  {
    id: 'app-service',
    label: 'App Service',
    identifierKind: 'clientId',
    variable: 'AZURE_CLIENT_ID',
    kindLabel: 'client ID',
    packageName: '@uami/sample-app-service',
    deploymentEnv: {},
  },
  {
    id: 'container-apps',
    label: 'Container Apps',
    identifierKind: 'resourceId',
    variable: 'AZURE_MANAGED_IDENTITY_RESOURCE_ID',
    kindLabel: 'resource ID',
    packageName: '@uami/sample-container-apps',
    deploymentEnv: {},
  },
  {
    id: 'vm',
    label: 'Virtual machine',
    identifierKind: 'objectId',
    variable: 'AZURE_MANAGED_IDENTITY_OBJECT_ID',
    kindLabel: 'object (principal) ID',
    packageName: '@uami/sample-vm',
    deploymentEnv: { AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential' },
  },
]

/** The sample with this ID. */
export function sampleDef(id: SampleId): SampleDef {
  const def = SAMPLES.find((sample) => sample.id === id)
  if (!def) throw new Error(`Unknown sample ${id}`)
  return def
}

/** The sample's folder, found through its workspace package (`samples/<id>`). */
export function sampleDir(def: SampleDef): string {
  return dirname(createRequire(import.meta.url).resolve(`${def.packageName}/package.json`))
}

/** The sample's built server. */
export function sampleServer(def: SampleDef): string {
  return join(sampleDir(def), 'dist', 'server.js')
}
