import { invalidResourceName } from './errors.js'

interface NameRule {
  pattern: RegExp
  /** Azure's rule in words, for the error message. */
  rule: string
}

/** Azure's naming rules for the resource types the emulator models (Azure resource-name-rules docs). */
export const nameRules = {
  'Microsoft.Resources/resourceGroups': {
    pattern: /^[-\p{L}\p{N}_.()]{0,89}[-\p{L}\p{N}_()]$/u,
    rule: 'Resource group names are 1-90 characters of letters, digits, underscores, hyphens, periods and parentheses, and cannot end with a period.',
  },
  'Microsoft.ManagedIdentity/userAssignedIdentities': {
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/,
    rule: 'Identity names are 3-128 characters of letters, digits, hyphens and underscores, and start with a letter or digit.',
  },
  'Microsoft.AppConfiguration/configurationStores': {
    pattern: /^[a-zA-Z0-9-]{5,50}$/,
    rule: 'App Configuration store names are 5-50 characters of letters, digits and hyphens.',
  },
  'Microsoft.Web/sites': {
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]{0,58}[a-zA-Z0-9]$/,
    rule: 'Web app names are 2-60 characters of letters, digits and hyphens, and cannot start or end with a hyphen.',
  },
  'Microsoft.App/containerApps': {
    pattern: /^(?!.*--)[a-z][a-z0-9-]{0,30}[a-z0-9]$/,
    rule: "Container app names are 2-32 lower-case letters, digits and hyphens, start with a letter, end with a letter or digit, and cannot contain '--'.",
  },
  'Microsoft.Compute/virtualMachines': {
    pattern: /^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,62}[a-zA-Z0-9_])?$/,
    rule: 'Virtual machine names are 1-64 characters of letters, digits, underscores, periods and hyphens, start with a letter or digit, and cannot end with a period or hyphen.',
  },
} as const satisfies Record<string, NameRule>

/** The resource types with a naming rule. */
export type NamedType = keyof typeof nameRules

/** Throws 400 `InvalidResourceName` when `name` breaks Azure's rule for `type`. */
export function checkName(type: NamedType, name: string): void {
  const { pattern, rule } = nameRules[type]
  if (!pattern.test(name)) throw invalidResourceName(name, type, rule)
}
