import { fileURLToPath } from 'node:url'
import type { HostKind } from '@uami/provision'
import {
  appConfigurationFragment,
  appSettingsFragment,
  attachFragment,
  identityFragment,
  roleAssignmentFragment,
  signInFragment,
} from './az-commands.ts'
import { diagramFragment } from './diagram.ts'
import { renderErrorCatalogue } from './error-catalogue.ts'

/** Where the generated fragments live: `docs/guides/generated/`, included by the guides with `{@include}`. */
export const GENERATED_DIR = fileURLToPath(new URL('../../../docs/guides/generated/', import.meta.url))

const HOSTS: readonly HostKind[] = ['app-service', 'container-apps', 'vm']

/**
 * Every generated fragment, by file name: the error catalogue tables and the `az` commands of each step, all
 * rendered from the packages' exports (never copied by hand).
 */
export function generatedFiles(): ReadonlyMap<string, string> {
  const files = new Map<string, string>([
    ['error-catalogue.md', renderErrorCatalogue()],
    ['az-sign-in.md', signInFragment()],
    ['az-app-configuration.md', appConfigurationFragment()],
    ['az-identity.md', identityFragment()],
    ['az-role-assignment.md', roleAssignmentFragment()],
  ])
  for (const kind of HOSTS) {
    files.set(`az-attach-${kind}.md`, attachFragment(kind))
    files.set(`az-app-settings-${kind}.md`, appSettingsFragment(kind))
    files.set(`diagram-${kind}.md`, diagramFragment(kind))
  }
  return files
}
