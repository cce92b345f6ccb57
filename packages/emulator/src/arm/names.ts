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
  'Microsoft.Web/serverfarms': {
    pattern: /^[\p{L}\p{N}-]{1,60}$/u,
    rule: 'App Service plan names are 1-60 letters, digits and hyphens.',
  },
  'Microsoft.App/managedEnvironments': {
    pattern: /^[a-z0-9][a-z0-9-]{0,58}[a-z0-9]$/,
    rule: 'Container Apps environment names are 2-60 lower-case letters, digits and hyphens, and start and end with a letter or digit.',
  },
  'Microsoft.Network/virtualNetworks': {
    pattern: /^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,62}[a-zA-Z0-9_])$/,
    rule: 'Virtual network names are 2-64 letters, digits, underscores, periods and hyphens, start with a letter or digit, and end with a letter, digit or underscore.',
  },
  'Microsoft.Network/virtualNetworks/subnets': {
    pattern: /^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,78}[a-zA-Z0-9_])?$/,
    rule: 'Subnet names are 1-80 letters, digits, underscores, periods and hyphens, start with a letter or digit, and end with a letter, digit or underscore.',
  },
  'Microsoft.Network/networkInterfaces': {
    pattern: /^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,78}[a-zA-Z0-9_])?$/,
    rule: 'Network interface names are 1-80 letters, digits, underscores, periods and hyphens, start with a letter or digit, and end with a letter, digit or underscore.',
  },
  'Microsoft.Network/networkSecurityGroups': {
    pattern: /^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,78}[a-zA-Z0-9_])?$/,
    rule: 'Network security group names are 1-80 letters, digits, underscores, periods and hyphens, start with a letter or digit, and end with a letter, digit or underscore.',
  },
  'Microsoft.Network/publicIPAddresses': {
    pattern: /^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,78}[a-zA-Z0-9_])?$/,
    rule: 'Public IP address names are 1-80 letters, digits, underscores, periods and hyphens, start with a letter or digit, and end with a letter, digit or underscore.',
  },
  'Microsoft.OperationalInsights/workspaces': {
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]{2,61}[a-zA-Z0-9]$/,
    rule: 'Log Analytics workspace names are 4-63 letters, digits and hyphens, and start and end with a letter or digit.',
  },
  'Microsoft.ContainerRegistry/registries': {
    pattern: /^[a-zA-Z0-9]{5,50}$/,
    rule: 'Container registry names are 5-50 letters and digits.',
  },
} as const satisfies Record<string, NameRule>

/** The resource types with a naming rule. */
export type NamedType = keyof typeof nameRules

/** Throws 400 `InvalidResourceName` when `name` breaks Azure's rule for `type`. */
export function checkName(type: NamedType, name: string): void {
  const { pattern, rule } = nameRules[type]
  if (!pattern.test(name)) throw invalidResourceName(name, type, rule)
}
