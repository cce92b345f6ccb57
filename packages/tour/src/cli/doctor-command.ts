import type { Writable } from 'node:stream'
import { readFacts } from '../doctor/facts.js'
import { renderDoctorReport } from '../doctor/render.js'
import { runDoctor } from '../doctor/run-doctor.js'
import { styleFor } from '../ui/style.js'
import { layoutWidth } from '../ui/width.js'
import type { DoctorArgs } from './args.js'

/**
 * `uami doctor`: runs the checks in this process's environment and prints the report (text, or JSON with
 * `--json`). Returns the exit code: 0 when every check passed, 1 otherwise.
 */
export async function doctorCommand(args: DoctorArgs, output: Writable): Promise<number> {
  const facts = args.facts ? await readFacts(args.facts) : undefined
  const report = await runDoctor({
    resourceGroup: args.resourceGroup,
    hostName: args.hostName,
    storeId: args.storeId,
    sentinelKey: args.sentinelKey,
    facts,
  })
  output.write(
    args.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : renderDoctorReport(report, styleFor(output), layoutWidth(output)),
  )
  return report.ok ? 0 : 1
}
