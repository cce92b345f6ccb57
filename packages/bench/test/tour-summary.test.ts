import { describe, expect, it } from 'vitest'
import { verifiedSamples } from '../src/tour-summary.ts'

const SUMMARY = `✔ [vm] Verify: call the sample — the sample used id-uami-vm (0.0s)

sample          host                         verify      seconds
──────────────  ───────────────────────────  ──────────  ───────
app-service     App Service app-uami-642935  ✔ verified  1.6
\u001b[32mcontainer-apps\u001b[0m  Container Apps ca-uami       ✖ attach    1.4
vm              Virtual machine vm-uami      ✔ verified  1.2
`

describe('verifiedSamples', () => {
  it('reads the verified rows of the summary table only, ignoring step lines and colours', () => {
    expect(verifiedSamples(SUMMARY, ['app-service', 'container-apps', 'vm'])).toEqual(['app-service', 'vm'])
  })

  it('finds nothing in output without a summary', () => {
    expect(verifiedSamples('UAMI_TOUR_…: the tour stopped', ['vm'])).toEqual([])
  })
})
