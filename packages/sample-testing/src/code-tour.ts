import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = fileURLToPath(new URL('../../../', import.meta.url))

/** A CodeTour step that does not point where it says. */
export interface TourMismatch {
  readonly step: number
  readonly problem: string
}

/**
 * Checks a CodeTour file (`.tours/<sample>.tour`): every step's file exists, its `line` exists, and that line
 * matches the step's `pattern` — so the tour still points at the code it describes after an edit.
 *
 * @param tour - The tour's path relative to the repository root, e.g. `.tours/vm.tour`.
 * @returns The files the steps visit, in order, and the mismatches (empty when the tour is right).
 */
export async function checkCodeTour(
  tour: string,
): Promise<{ readonly files: readonly string[]; readonly mismatches: readonly TourMismatch[] }> {
  const parsed = JSON.parse(await readFile(join(REPO, tour), 'utf8')) as {
    steps: Array<{ file: string; line: number; pattern?: string }>
  }
  const mismatches: TourMismatch[] = []
  for (const [index, step] of parsed.steps.entries()) {
    const source = await readFile(join(REPO, step.file), 'utf8').catch(() => undefined)
    const line = source?.split('\n')[step.line - 1]
    if (source === undefined) mismatches.push({ step: index + 1, problem: `${step.file} does not exist` })
    else if (line === undefined)
      mismatches.push({ step: index + 1, problem: `${step.file} has no line ${step.line}` })
    else if (step.pattern === undefined || !new RegExp(step.pattern).test(line))
      mismatches.push({
        step: index + 1,
        problem: `${step.file}:${step.line} does not match ${step.pattern}`,
      })
  }
  return { files: parsed.steps.map((step) => step.file), mismatches }
}
