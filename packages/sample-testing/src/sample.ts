import type { AzureHostKind, IdentityKind } from '@uami/credential'

/** What the shared tests need to know about a sample, written out in its test (so the test checks the sample). */
export interface SampleUnderTest {
  /** Its folder name under samples/, e.g. `app-service`. */
  readonly name: string
  /** The title its page shows, e.g. `Azure App Service`. */
  readonly title: string
  /** The Azure host it is written for. */
  readonly host: AzureHostKind
  /** The identifier kind it chooses its identity by. */
  readonly identifierKind: IdentityKind
}
