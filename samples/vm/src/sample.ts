import type { SampleDefinition } from '@uami/sample-kit'

/** The VM sample: a Linux VM (systemd) that chooses its user-assigned identity by object (principal) ID. */
export const sample: SampleDefinition = {
  name: 'vm',
  title: 'Azure Virtual Machine',
  host: 'vm',
  identifierKind: 'objectId',
  why: 'IMDS picks a user-assigned identity by itself only when the VM has exactly one and no system-assigned identity, so the app names it. The object ID is the principal ID role assignments use; DefaultAzureCredential has no object-ID option, so the credential is ManagedIdentityCredential({ objectId }).',
}
