import type {
  AzureHostKind,
  EnvLike,
  IdentityKind,
  IdentitySelector,
  IdentityVariable,
} from '@uami/credential'

/** The identity an app is configured with (from {@link readIdentityEnv}). IDs are not secrets. */
export interface SampleIdentity {
  /** The identifier kind: `clientId`, `resourceId` or `objectId`. */
  readonly kind: IdentityKind
  /** The variable it was read from. */
  readonly variable: IdentityVariable
  /** The identifier. */
  readonly value: string
  /** The selector, as `@uami/credential` parsed it. */
  readonly selector: IdentitySelector
}

/** What the page and `/identity` say about the app. */
export interface AppDescription {
  /** A short name, e.g. `app-service`. */
  readonly name: string
  /** A title, e.g. `Azure App Service`. */
  readonly title: string
  /** The Azure host it is written for. */
  readonly host: AzureHostKind
  /** Why this host needs the identifier it uses: one or two sentences for the page. */
  readonly why: string
}

/** What the settings source and the failure explanations need to know (no secret). */
export interface SettingsContext {
  readonly identity: SampleIdentity
  /** The store's endpoint (`APP_CONFIG_ENDPOINT`). */
  readonly appConfigEndpoint: string
  /** The key whose change triggers a reload. */
  readonly sentinelKey: string
  /** Seconds between refresh checks. */
  readonly refreshSeconds: number
  /** The platform variables the credential decision reads, secret values replaced by `[set]`. */
  readonly credentialEnv: EnvLike
}
