import { echo } from '../util/text.js'
import { UamiCredentialError } from './uami-credential-error.js'

/** A value that can be shown bare in a shell assignment: printable ASCII, no spaces or quotes, at most 300 characters. */
const PLAIN = /^[!#-&(-_a-~]{1,300}$/

/** What was pasted along with a value. */
export type PastedDecoration = 'leading-whitespace' | 'trailing-whitespace' | 'quotes' | 'blank'

/** Details of a `PastedValueError`. */
export interface PastedValueErrorDetails {
  /** The variable or option that held the value. */
  readonly variable: string
  /** What is wrong with it. */
  readonly decoration: PastedDecoration
  /** The decoration described, e.g. `a trailing CARRIAGE RETURN (a Windows line ending)`. */
  readonly description: string
  /** The value without the decoration, when there is one (shown only if it is safe to show). */
  readonly cleaned?: string | undefined
}

/**
 * Thrown when an identity value carries leading or trailing whitespace, a line break or quotes — what the portal's
 * copy button, `--output json` or a file with Windows line endings adds. The characters would become part of the
 * ID and the identity endpoint would look for an identity that does not exist.
 *
 * @example
 * ```ts
 * parseIdentitySelector({ kind: 'clientId', value: '"7d1f3f2e-8c4b-4f7a-9a51-2b8e6c0d4f11"' }) // throws PastedValueError
 * ```
 */
export class PastedValueError extends UamiCredentialError {
  static readonly code = 'UAMI_CRED_PASTED_VALUE' as const
  override readonly name = 'PastedValueError' as const
  readonly code = PastedValueError.code
  /** The variable or option that held the value. */
  readonly variable: string
  /** What is wrong with the value. */
  readonly decoration: PastedDecoration

  constructor(details: PastedValueErrorDetails) {
    const cleaned = details.cleaned
    // The corrected assignment is shown only when it is plain text: printable ASCII without spaces or quotes (an ID),
    // not a token (echo hides those) — anything else could break the message's single line or mislead.
    const suggestion =
      cleaned !== undefined && PLAIN.test(cleaned) && echo(cleaned).startsWith('"')
        ? `: ${details.variable}=${cleaned}`
        : ''
    super({
      what: `${details.variable} has ${details.description}.`,
      why:
        details.decoration === 'blank'
          ? 'A blank value selects no identity.'
          : 'It was probably pasted from the portal, JSON output or a file with Windows line endings; the characters would become part of the ID, so the identity endpoint would look for an identity that does not exist.',
      fix:
        details.decoration === 'blank'
          ? `Set ${details.variable} to the identity's ID, or unset it.`
          : `Remove them${suggestion} (az commands print bare values with --output tsv).`,
    })
    this.variable = details.variable
    this.decoration = details.decoration
  }
}
