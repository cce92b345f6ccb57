/** One row of the error catalogue: what a code means and how to fix it. */
export interface ErrorCatalogueEntry {
  /** Stable code, e.g. `UAMI_CRED_INVALID_GUID`. Never changes once published. */
  readonly code: string
  /** The class that carries the code, e.g. `InvalidGuidError`. */
  readonly name: string
  /** What the code means, in one or two sentences. */
  readonly meaning: string
  /** How to fix it, in general terms (each error's own `fix` has the exact command). */
  readonly fix: string
}

/**
 * Every error code `@uami/credential` can produce, with its meaning and how to fix it, in a stable order. The
 * package's `ERRORS.md` is generated from this list; docs can render their own Code | Meaning | How to fix page
 * with `renderErrorCatalogueMarkdown`.
 *
 * @example
 * ```ts
 * for (const { code, meaning } of errorCatalogue) console.log(`${code}: ${meaning}`)
 * ```
 */
export const errorCatalogue = [
  {
    code: 'UAMI_CRED_IDENTITY_NOT_SET',
    name: 'IdentityNotSetError',
    meaning:
      'None of the identity variables is set (`AZURE_CLIENT_ID`, `AZURE_MANAGED_IDENTITY_RESOURCE_ID`, `AZURE_MANAGED_IDENTITY_OBJECT_ID`), or the one variable the app reads is missing. App Service and Container Apps never pick a user-assigned identity on their own.',
    fix: "Set exactly one of the variables to the identity's client ID (`az identity show --query clientId`), resource ID (`--query id`) or object ID (`--query principalId`).",
  },
  {
    code: 'UAMI_CRED_IDENTITY_AMBIGUOUS',
    name: 'AmbiguousIdentityError',
    meaning:
      'More than one identity variable is set, so it is unclear which identity to use. `ManagedIdentityCredential` accepts exactly one identifier.',
    fix: 'Unset all but one of the variables. If `AZURE_CLIENT_ID` belongs to a service principal for `EnvironmentCredential`, have the app read only its own identifier kind (`identityFromEnv(env, { kinds: [...] })`).',
  },
  {
    code: 'UAMI_CRED_INVALID_GUID',
    name: 'InvalidGuidError',
    meaning:
      'A client ID or object ID is not a GUID (8-4-4-4-12 hexadecimal digits). The message names the first wrong character and its position.',
    fix: 'Copy the value again with `az identity show --resource-group <rg> --name <identity> --query clientId --output tsv` (or `principalId` for the object ID).',
  },
  {
    code: 'UAMI_CRED_PASTED_VALUE',
    name: 'PastedValueError',
    meaning:
      'A value has leading or trailing whitespace, a line break or surrounding quotes, as pasted from the portal, a JSON output or a Windows file.',
    fix: 'Remove the whitespace or quotes. `az ... --output tsv` prints values without quotes.',
  },
  {
    code: 'UAMI_CRED_INVALID_RESOURCE_ID',
    name: 'InvalidResourceIdError',
    meaning:
      'A resource ID does not have the shape `/subscriptions/{guid}/resourceGroups/{name}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}` (the message names the wrong segment).',
    fix: 'Copy the ID again with `az identity show --resource-group <rg> --name <identity> --query id --output tsv`.',
  },
  {
    code: 'UAMI_CRED_NOT_A_USER_ASSIGNED_IDENTITY',
    name: 'NotAUserAssignedIdentityError',
    meaning:
      'A well-formed resource ID points at something other than a user-assigned identity: the host (for example `Microsoft.Web/sites`), a resource group, or a system-assigned identity.',
    fix: 'Use the ID of the `Microsoft.ManagedIdentity/userAssignedIdentities` resource: `az identity show --resource-group <rg> --name <identity> --query id --output tsv`.',
  },
  {
    code: 'UAMI_CRED_INVALID_SELECTOR',
    name: 'InvalidSelectorError',
    meaning:
      "Code passed an identity selector that is not exactly one of `{ clientId }`, `{ resourceId }` or `{ objectId }` — for example a bare string, which `ManagedIdentityCredential` always reads as a client ID (the article's bug #1).",
    fix: 'Pass an object with exactly one key: `{ clientId }`, `{ resourceId }` or `{ objectId }`.',
  },
  {
    code: 'UAMI_CRED_INVALID_OPTION',
    name: 'InvalidOptionError',
    meaning:
      'A function received an option of the wrong type or an unknown value (for example a non-object `env`).',
    fix: "Pass the option as documented in the function's TSDoc; the message names the option, what was expected and what was received.",
  },
  {
    code: 'UAMI_CRED_INVALID_HOST',
    name: 'InvalidHostError',
    meaning:
      'The host override (`UAMI_HOST` or the `host` option) is not one of `app-service`, `container-apps`, `vm`, `developer-machine`.',
    fix: 'Set `UAMI_HOST` to one of the four values, or unset it to detect the host from the variables Azure sets.',
  },
  {
    code: 'UAMI_CRED_INVALID_TOKEN_CREDENTIALS',
    name: 'InvalidTokenCredentialsError',
    meaning:
      '`AZURE_TOKEN_CREDENTIALS` has a value `@azure/identity` does not accept (it would throw when the credential is built).',
    fix: 'Use `dev`, `prod` or one credential name such as `ManagedIdentityCredential`, `AzureCliCredential` or `EnvironmentCredential`; or unset it.',
  },
  {
    code: 'UAMI_CRED_INVALID_AUTHORITY_HOST',
    name: 'InvalidAuthorityHostError',
    meaning: '`AZURE_AUTHORITY_HOST` (or the `authorityHost` option) is not an absolute `https://` URL.',
    fix: "Set it to an https URL such as `https://login.microsoftonline.com`, or to the local emulator's authority host; or unset it.",
  },
  {
    code: 'UAMI_CRED_USER_ASSIGNED_UNSUPPORTED',
    name: 'UserAssignedUnsupportedError',
    meaning:
      'The managed identity source found in the environment (Cloud Shell or Service Fabric) cannot select a user-assigned identity.',
    fix: 'Run the app on a host that supports user-assigned identities (App Service, Container Apps, a VM), or use a developer credential (`AZURE_TOKEN_CREDENTIALS=dev`).',
  },
  {
    code: 'UAMI_CRED_MALFORMED_TOKEN',
    name: 'MalformedTokenError',
    meaning: 'An access token could not be decoded as a JWT. The token itself is never shown.',
    fix: 'Pass the `token` string of the `AccessToken` that `getToken()` returned (or the `AccessToken` itself).',
  },
  {
    code: 'UAMI_CRED_IDENTITY_MISMATCH',
    name: 'IdentityMismatchError',
    meaning:
      'A token was issued to a different identity than the one configured (its `appid`/`azp`, `oid` or `xms_mirid` claim does not match).',
    fix: "Check which identities are attached to the host and which one the variable names; pass the intended identity's ID.",
  },
  {
    code: 'UAMI_CRED_IDENTITY_NOT_ATTACHED',
    name: 'IdentityNotAttachedError',
    meaning:
      'The host\'s managed identity endpoint answered "Identity not found" / "Unable to load the proper Managed Identity": the identity is not attached to this host, or the configured ID names another identity.',
    fix: "Attach the identity: `az webapp identity assign --identities <id>`, `az containerapp identity assign --user-assigned <id>` or `az vm identity assign --identities <id>`. The error's fix has the command filled in: the identity's resource ID from the selector or `UAMI_IDENTITY_RESOURCE_ID`, else looked up from the client or object ID by the command itself.",
  },
  {
    code: 'UAMI_CRED_FORBIDDEN',
    name: 'AccessForbiddenError',
    meaning:
      'The service answered 403: the identity has a token but no data-plane role on the resource. Control-plane roles such as Reader or Contributor grant no App Configuration data access.',
    fix: 'See whether a role is assigned: `az role assignment list --scope <store id> --include-inherited --query "[?principalId==\'<principalId>\'].roleDefinitionName" --output tsv`. None: assign it, `az role assignment create --assignee-object-id <principalId> --assignee-principal-type ServicePrincipal --role "App Configuration Data Reader" --scope <store id>`. Listed: it is still propagating (new assignments take up to ~15 minutes); wait and change nothing.',
  },
  {
    code: 'UAMI_CRED_UNAUTHORIZED',
    name: 'UnauthorizedError',
    meaning:
      'The service answered 401: it rejected the token (wrong audience, wrong tenant, expired) or received none.',
    fix: "Compare the token's `aud` and `tid` claims (`describeAccessToken`) with the service: the audience must be the service's (e.g. `https://appconfig.azure.com`) and the tenant the resource's tenant.",
  },
  {
    code: 'UAMI_CRED_ENDPOINT_UNREACHABLE',
    name: 'EndpointUnreachableError',
    meaning:
      'A network error (ECONNREFUSED, ENOTFOUND, ETIMEDOUT, …) reaching the managed identity endpoint or the service.',
    fix: 'Check the endpoint: the managed identity endpoint exists only inside an Azure host (or the local emulator); a service endpoint must be spelled right and reachable through DNS, firewall and private endpoints.',
  },
  {
    code: 'UAMI_CRED_IDENTITY_ENDPOINT_UNAVAILABLE',
    name: 'IdentityEndpointUnavailableError',
    meaning:
      "The host's managed identity endpoint answered 429 (throttled) or a 5xx status, also after the SDK's retries: a transient problem of the platform's identity service, not of the identity, the identifier or a role assignment.",
    fix: "Try again after a short wait and keep one credential instance per app (tokens then come from its cache); if it lasts, check the host's Resource health.",
  },
  {
    code: 'UAMI_CRED_NO_CREDENTIAL',
    name: 'NoCredentialAvailableError',
    meaning:
      'No credential could produce a token: on a developer machine nobody is signed in; on a host, managed identity is not available.',
    fix: 'On a developer machine run `az login` (or `azd auth login`); on a host, enable the identity on it and check the managed identity variables.',
  },
  {
    code: 'UAMI_CRED_AUTHENTICATION_FAILED',
    name: 'AuthenticationFailedError',
    meaning:
      'Microsoft Entra ID (or the identity endpoint) refused to issue a token for another reason; the message carries the `AADSTS` code when there is one.',
    fix: "Follow the `AADSTS` code's advice in the message; check the tenant ID, client ID and the requested scope.",
  },
] as const satisfies readonly ErrorCatalogueEntry[]

/** Every code in {@link errorCatalogue}. */
export type UamiCredentialErrorCode = (typeof errorCatalogue)[number]['code']
