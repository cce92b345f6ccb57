/**
 * Which environment variable carries which identifier kind. These are the names Azure's tooling and the Azure SDK
 * use: `AZURE_CLIENT_ID` is read by `DefaultAzureCredential` too; the two others are uami's, matching the article.
 *
 * @example
 * ```ts
 * IDENTITY_VARIABLES.objectId // 'AZURE_MANAGED_IDENTITY_OBJECT_ID'
 * ```
 */
export const IDENTITY_VARIABLES = {
  clientId: 'AZURE_CLIENT_ID',
  resourceId: 'AZURE_MANAGED_IDENTITY_RESOURCE_ID',
  objectId: 'AZURE_MANAGED_IDENTITY_OBJECT_ID',
} as const

/** How a user-assigned identity is selected: by client ID, resource ID or object (principal) ID. */
export type IdentityKind = keyof typeof IDENTITY_VARIABLES

/** One of the three identity variable names. */
export type IdentityVariable = (typeof IDENTITY_VARIABLES)[IdentityKind]

/**
 * The identifier kinds in their documented order.
 *
 * @example
 * ```ts
 * for (const kind of IDENTITY_KINDS) console.log(kind, identityVariable(kind))
 * ```
 */
export const IDENTITY_KINDS: readonly IdentityKind[] = Object.freeze(['clientId', 'resourceId', 'objectId'])

/**
 * Returns the environment variable that carries an identifier kind.
 *
 * @param kind - `clientId`, `resourceId` or `objectId`.
 * @returns The variable name, e.g. `AZURE_MANAGED_IDENTITY_RESOURCE_ID` for `resourceId`.
 * @example
 * ```ts
 * identityVariable('clientId') // 'AZURE_CLIENT_ID'
 * ```
 */
export function identityVariable(kind: IdentityKind): IdentityVariable {
  return IDENTITY_VARIABLES[kind]
}

/**
 * Returns the identifier kind an environment variable carries, if it is one of the three.
 *
 * @param variable - A variable name.
 * @returns The kind, or `undefined` for any other name.
 * @example
 * ```ts
 * identityKindOf('AZURE_MANAGED_IDENTITY_OBJECT_ID') // 'objectId'
 * ```
 */
export function identityKindOf(variable: string): IdentityKind | undefined {
  return IDENTITY_KINDS.find((kind) => IDENTITY_VARIABLES[kind] === variable)
}

/** `true` when `value` is one of the three kinds. */
export function isIdentityKind(value: unknown): value is IdentityKind {
  return typeof value === 'string' && (IDENTITY_KINDS as readonly string[]).includes(value)
}

/** Human label of a kind, for messages. */
export function kindLabel(kind: IdentityKind): string {
  return kind === 'clientId' ? 'client ID' : kind === 'resourceId' ? 'resource ID' : 'object (principal) ID'
}

/** The `az identity show --query` field that prints a kind's value. */
export function azQueryField(kind: IdentityKind): string {
  return kind === 'clientId' ? 'clientId' : kind === 'resourceId' ? 'id' : 'principalId'
}

/** The command that prints a kind's value for an identity, with placeholders. */
export function showIdentityCommand(kind: IdentityKind): string {
  return `az identity show --resource-group <resource-group> --name <identity-name> --query ${azQueryField(kind)} --output tsv`
}
