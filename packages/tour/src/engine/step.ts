/** What a step's verify found: proof that the step worked, or what was observed instead. */
export interface VerifyResult {
  /** `true` when the read-back shows what the step should have done. */
  ok: boolean
  /** One line: what was read back. */
  summary: string
  /** More lines worth showing: identifiers, claims, settings. */
  details?: readonly string[] | undefined
}

/** What a running step may use: progress text for the spinner, and the tour's abort signal. */
export interface StepIo {
  /** Updates the spinner text, e.g. while waiting for a role assignment to propagate. */
  progress(message: string): void
  /** Aborted when the tour is stopped (Ctrl-C). */
  readonly signal: AbortSignal
}

/**
 * One step of the tour: the article's step, explained, shown as `az` commands, done through ARM, and verified by
 * reading the result back.
 *
 * @typeParam C - What the step works on (the tour run, or one sample of it).
 */
export interface Step<C> {
  /** Stable ID; also the name of its explanation file, `content/<id>.md`. */
  readonly id: string
  /** Short imperative title, e.g. "Create the user-assigned identity". */
  readonly title: string
  /** The explanation (markdown), the same words the docs use. */
  readonly explanation: string
  /**
   * The commands that do the step by hand, with Azure's values filled in (real names and IDs, the store's
   * `https://<store>.azconfig.io` endpoint), corrected per ERRATA.md: the Azure CLI equivalent, or for a step that
   * is no `az` call, the command to run yourself.
   */
  az(ctx: C): readonly string[]
  /** Labelled lines (`locally: …`) where the local run uses another value than the commands show. */
  local?(ctx: C): readonly string[]
  /** Does the step (idempotently: a re-run reuses what exists). Returns one line saying what it did. */
  run(ctx: C, io: StepIo): Promise<string>
  /** Reads the result back (ARM, the data plane or the sample's HTTP routes) and says whether it worked. */
  verify(ctx: C, io: StepIo): Promise<VerifyResult>
}

/** How one step went. */
export interface StepOutcome {
  id: string
  title: string
  /** `done`: ran and verified; `failed`: threw or did not verify; `resumed`: done earlier, re-run silently. */
  status: 'done' | 'failed' | 'resumed'
  /** What the action said. */
  result?: string | undefined
  verify?: VerifyResult | undefined
  /** The error when the step threw. */
  error?: unknown
  ms: number
}
