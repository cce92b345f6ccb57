/** One row of the error catalogue: what a code means and how to fix it. */
export interface ProvisionErrorCatalogueEntry {
  /** Stable code, e.g. `UAMI_PROVISION_ARM_FORBIDDEN`. Never changes once published. */
  readonly code: string
  /** The class that carries the code, e.g. `ArmForbiddenError`. */
  readonly name: string
  /** What the code means, in one or two sentences. */
  readonly meaning: string
  /** How to fix it, in general terms (each error's own `fix` has the exact command with your names). */
  readonly fix: string
}

/**
 * Every error code `@uami/provision` can produce, with its meaning and how to fix it, in a stable order. The
 * package README's error table is checked against this list by a test.
 *
 * @example
 * ```ts
 * for (const { code, meaning } of provisionErrorCatalogue) console.log(`${code}: ${meaning}`)
 * ```
 */
export const provisionErrorCatalogue = [
  {
    code: 'UAMI_PROVISION_INVALID_OPTION',
    name: 'InvalidOptionError',
    meaning:
      'An option passed to a provisioning step is missing or malformed (a name Azure would reject, a VM without an SSH public key, …).',
    fix: 'Pass the option named in the message in the expected form; nothing was sent to Azure.',
  },
  {
    code: 'UAMI_PROVISION_ARM_FORBIDDEN',
    name: 'ArmForbiddenError',
    meaning:
      'Azure Resource Manager answered 403: the signed-in principal lacks a control-plane role on the scope (Contributor to create resources; Owner, User Access Administrator or Role Based Access Control Administrator to assign roles).',
    fix: 'Ask an Owner of the scope for the role named in the message (`az role assignment create --assignee-object-id <you> --role <role> --scope <scope>`), or sign in as a principal that has it.',
  },
  {
    code: 'UAMI_PROVISION_RESOURCE_GROUP_NOT_FOUND',
    name: 'ResourceGroupNotFoundError',
    meaning:
      'The resource group does not exist in the subscription (or the signed-in principal cannot see it).',
    fix: 'Create it first (`ensureResourceGroup`, or `az group create -n <rg> -l <location>`), or check the subscription ID.',
  },
  {
    code: 'UAMI_PROVISION_RESOURCE_NOT_FOUND',
    name: 'ResourceNotFoundError',
    meaning: 'A resource a step reads or changes (identity, host, App Configuration store) does not exist.',
    fix: 'Run the step that creates it first (`ensureUserAssignedIdentity`, `ensureHost`, `ensureAppConfigurationStore`), or check the name.',
  },
  {
    code: 'UAMI_PROVISION_PRINCIPAL_NOT_FOUND',
    name: 'PrincipalNotFoundError',
    meaning:
      'Azure does not know the principal (object) ID given for a role assignment, even after waiting for directory replication.',
    fix: "Use the identity's principalId (`az identity show -g <rg> -n <name> --query principalId`), not its clientId or resource ID.",
  },
  {
    code: 'UAMI_PROVISION_ROLE_NOT_FOUND',
    name: 'RoleDefinitionNotFoundError',
    meaning: 'No role definition with that name exists at the scope.',
    fix: 'Check the spelling (e.g. "App Configuration Data Reader") with `az role definition list --name "<role>"`.',
  },
  {
    code: 'UAMI_PROVISION_DATA_PLANE_FORBIDDEN',
    name: 'DataPlaneForbiddenError',
    meaning:
      'App Configuration kept answering 403 to the principal writing settings: it has no data-plane role on the store, or the role assignment had not propagated before the timeout.',
    fix: 'Assign App Configuration Data Owner on the store to the signed-in principal (control-plane roles such as Owner grant no data access), wait for propagation (up to ~15 minutes) and run the step again.',
  },
  {
    code: 'UAMI_PROVISION_SIGNED_IN_PRINCIPAL_UNKNOWN',
    name: 'SignedInPrincipalError',
    meaning:
      "The credential's access token carries no object ID (`oid`), so the signed-in principal cannot be granted a role.",
    fix: 'Sign in as a user or service principal (`az login`), or pass the principal ID explicitly.',
  },
  {
    code: 'UAMI_PROVISION_NOT_VERIFIED',
    name: 'VerificationError',
    meaning:
      "A change was accepted by Azure Resource Manager but reading the resource back did not show it (e.g. the identity is not in the host's `identity.userAssignedIdentities`).",
    fix: 'Read the resource (`az <host> identity show`) and run the step again; if it persists, the resource provider rejected part of the change silently.',
  },
  {
    code: 'UAMI_PROVISION_ARM_REQUEST_FAILED',
    name: 'ArmRequestError',
    meaning:
      'Azure Resource Manager rejected a request for another reason; its error code and message are included.',
    fix: 'Read the ARM error code and message in this error; they name the property or quota at fault.',
  },
] as const satisfies readonly ProvisionErrorCatalogueEntry[]

/** Every error code `@uami/provision` can produce. */
export type ProvisionErrorCode = (typeof provisionErrorCatalogue)[number]['code']
