/** One row of the tour's error catalogue. */
export interface TourErrorCatalogueEntry {
  readonly code: string
  readonly name: string
  readonly meaning: string
  readonly fix: string
}

/**
 * Every code the tour and `uami doctor` raise themselves (errors from `@uami/credential` and `@uami/provision`
 * keep their own codes and are shown as they are).
 *
 * @example
 * ```ts
 * for (const { code, meaning } of tourErrorCatalogue) console.log(code, meaning)
 * ```
 */
export const tourErrorCatalogue = [
  {
    code: 'UAMI_TOUR_USAGE',
    name: 'UsageError',
    meaning: 'The command line has an unknown option, a missing value or options that do not go together.',
    fix: 'Run `uami --help` for the usage.',
  },
  {
    code: 'UAMI_TOUR_SUBSCRIPTION_REQUIRED',
    name: 'SubscriptionRequiredError',
    meaning: '`--azure` needs a subscription ID and none was given.',
    fix: 'Pass `--subscription <id>` or set `AZURE_SUBSCRIPTION_ID` (`az account show --query id -o tsv`).',
  },
  {
    code: 'UAMI_TOUR_CONFIRMATION_REQUIRED',
    name: 'ConfirmationRequiredError',
    meaning:
      'The tour would create resources in an Azure subscription (which may cost money) and nobody confirmed it: there is no terminal to ask and `--yes` was not given.',
    fix: 'Run it in a terminal to confirm, or pass `--yes` to confirm up front.',
  },
  {
    code: 'UAMI_TOUR_DECLINED',
    name: 'DeclinedError',
    meaning: 'You declined the confirmation: nothing was created or deleted.',
    fix: 'Run the tour again when you are ready, or use the local emulator (`uami --local`).',
  },
  {
    code: 'UAMI_TOUR_SAMPLE_NOT_BUILT',
    name: 'SampleNotBuiltError',
    meaning: "A sample's built server (`dist/server.js`) is missing.",
    fix: 'Build the workspace: `npm run build` (root `npm start` builds first).',
  },
  {
    code: 'UAMI_TOUR_SAMPLE_EXITED',
    name: 'SampleExitedError',
    meaning: 'A sample process stopped on its own, usually because its environment is invalid.',
    fix: 'Read the error the sample printed (shown with this error); it names the variable and the fix.',
  },
  {
    code: 'UAMI_TOUR_STATE_FILE',
    name: 'ProgressFileError',
    meaning: 'The progress file (`.uami/tour.json`) is not valid JSON of the expected shape.',
    fix: 'Delete it (`rm .uami/tour.json`) or run the tour with `--fresh`; the resources stay and are reused.',
  },
  {
    code: 'UAMI_TOUR_CANCELLED',
    name: 'CancelledError',
    meaning: 'The tour was stopped (Ctrl-C). Progress is saved.',
    fix: 'Run `npm start` again to resume where you left off.',
  },
] as const satisfies readonly TourErrorCatalogueEntry[]

/** A code of {@link tourErrorCatalogue}. */
export type TourErrorCode = (typeof tourErrorCatalogue)[number]['code']
