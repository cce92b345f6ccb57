import { matchIdentity } from '@uami/credential'
import type { DoctorCheck } from './report.js'
import type { DoctorState } from './state.js'

const TITLE = 'Token claims match the identity'

/** Check 4: the token's claims belong to the configured identity (`appid`, `oid` or `xms_mirid` by kind). */
export function checkClaims(state: DoctorState): DoctorCheck {
  if (!state.claims || !state.selector) {
    return { id: 'claims', title: TITLE, status: 'skip', summary: 'skipped: no token' }
  }
  const shown = ['oid', 'appid', 'xms_mirid']
    .map((name) => `${name}=${(state.claims as Record<string, unknown>)[name] ?? '(none)'}`)
    .join(', ')
  if (state.credentialKind === 'DefaultAzureCredential') {
    return {
      id: 'claims',
      title: TITLE,
      status: 'pass',
      summary: `signed in as yourself (developer machine): ${shown}. In Azure the same code uses the identity.`,
    }
  }
  const match = matchIdentity(state.claims, state.selector)
  if (match.matches)
    return { id: 'claims', title: TITLE, status: 'pass', summary: `${match.claim} matches: ${shown}` }
  return {
    id: 'claims',
    title: TITLE,
    status: 'fail',
    summary: `The token's ${match.claim} is ${match.received ?? '(missing)'}, expected ${match.expected}: it belongs to another identity (${shown}).`,
    diagnosis: 'identity-mismatch',
    code: 'UAMI_CRED_IDENTITY_MISMATCH',
    fix: 'Check which identity the variable names (az identity show --ids <identity-resource-id>) and which identities are attached to the host.',
  }
}
