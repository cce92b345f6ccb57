import type { AppDescription, SettingsContext } from '../context.js'
import type { CredentialView } from '../page/view.js'

/** What the status routes show besides the live status. */
export interface StatusRoutesOptions {
  readonly app: AppDescription
  readonly env: SettingsContext
  readonly credential: CredentialView
}
