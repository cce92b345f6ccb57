import {
  describeHostIdentity,
  ensureAppSettings,
  findRoleAssignments,
  renderCommand,
  sameResourceId,
} from '@uami/provision'
import { explanation } from '../content.js'
import type { Step } from '../engine/step.js'
import { runDoctorChild } from '../samples/doctor-child.js'
import { getJson } from '../samples/sample-http.js'
import { waitForReady } from '../samples/sample-process.js'
import { doctorFactsPath, writeDoctorFacts } from '../tour/doctor-facts.js'
import { requireHost, requireIdentity, requireStore, type SampleRun } from '../tour/run-context.js'
import { displayPath, doctorYourselfCommand } from '../tour/run-yourself.js'
import { SEED_SETTINGS, VERIFY_KEY } from '../tour/settings.js'
import { localEndpointNote } from './azure-values.js'
import { hostNames } from './identity-steps.js'
import { readBackSettings } from './read-back-settings.js'
import { azureDeploymentSettings, deploymentSettings, hostEnvironment, restartSample } from './sample-env.js'
import { settingsCommand } from './settings-command.js'

/** How long a sample may take to load its settings in a normal run. */
const READY_TIMEOUT_MS = 60_000

/** Step 7: configure the sample with its identifier and endpoint, and start it. */
export const configureStep: Step<SampleRun> = {
  id: 'configure',
  title: 'Configure and start the sample',
  explanation: explanation('configure'),
  az: (sample) =>
    sample.identity && sample.tour.store ? [settingsCommand(sample, azureDeploymentSettings(sample))] : [],
  local: (sample) => localEndpointNote(sample.tour),
  async run(sample) {
    const where = await applySettings(sample)
    if (!sample.tour.target.emulator)
      return `${sample.identifier?.variable} and APP_CONFIG_ENDPOINT: ${where}`
    const running = await restartSample(sample)
    return `${where}; started the sample on ${running.url} (pid ${running.pid}) with ${sample.identifier?.variable}`
  },
  async verify(sample, io) {
    if (!sample.process) {
      const read = await readBackSettings(sample)
      return read
    }
    const answer = await waitForReady(sample.process, {
      timeoutMs: READY_TIMEOUT_MS,
      signal: io.signal,
      onAnswer: (each) =>
        each.status !== 200 &&
        io.progress(`Waiting for ${sample.def.id} to load its settings (/readyz ${each.status})`),
    })
    return {
      ok: answer.status === 200,
      summary:
        answer.status === 200
          ? `/readyz answers 200 at ${sample.process.url} (pid ${sample.process.pid})`
          : `/readyz answers ${answer.status}: ${JSON.stringify(answer.body)}`,
    }
  },
}

/** Step 8: call the sample and show the claims that prove which identity it used, and the setting it read. */
export const verifyStep: Step<SampleRun> = {
  id: 'verify',
  title: 'Verify: call the sample',
  explanation: explanation('verify'),
  az(sample) {
    const paths = ['/identity', `/config/${VERIFY_KEY}`]
    // Locally the sample runs on this machine: call it. In Azure, call the host.
    if (sample.process)
      return paths.map((path) => renderCommand(['curl', '-s', `${sample.process?.url}${path}`]))
    const names = hostNames(sample)
    if (sample.def.id === 'app-service')
      return paths.map((path) =>
        renderCommand(['curl', '-s', `https://${names.name}.azurewebsites.net${path}`]),
      )
    if (sample.def.id === 'container-apps') {
      const fqdn = `$(az containerapp show -g ${names.resourceGroup} -n ${names.name} --query properties.configuration.ingress.fqdn -o tsv)`
      return paths.map((path) => `curl -s "https://${fqdn}${path}"`)
    }
    // The VM has no public address: run curl on it.
    return paths.map((path) =>
      renderCommand([
        'az',
        'vm',
        'run-command',
        'invoke',
        '-g',
        names.resourceGroup,
        '-n',
        names.name,
        '--command-id',
        'RunShellScript',
        '--scripts',
        `curl -s http://127.0.0.1:8080${path}`,
      ]),
    )
  },
  async run(sample) {
    if (!sample.process) return 'nothing runs locally against Azure: the verify reads ARM instead'
    const identity = await getJson(sample.process.url, '/identity')
    const setting = await getJson(sample.process.url, `/config/${encodeURIComponent(VERIFY_KEY)}`)
    sample.proof = { claims: claimsOf(identity.body), setting: settingOf(setting.body) }
    return `GET /identity → ${identity.status}, GET /config/${VERIFY_KEY} → ${setting.status}`
  },
  async verify(sample) {
    const identity = requireIdentity(sample)
    if (!sample.process) return armVerify(sample)
    const claims = sample.proof?.claims ?? {}
    const checks = [
      { claim: 'oid', expected: identity.principalId, label: 'object ID' },
      { claim: 'appid', expected: identity.clientId, label: 'client ID' },
      { claim: 'xms_mirid', expected: identity.id, label: 'resource ID' },
    ].map((check) => ({
      ...check,
      received: typeof claims[check.claim] === 'string' ? (claims[check.claim] as string) : undefined,
    }))
    const claimsOk = checks.every((check) =>
      check.claim === 'xms_mirid'
        ? check.received !== undefined && sameResourceId(check.received, check.expected)
        : check.received?.toLowerCase() === check.expected.toLowerCase(),
    )
    const settingOk = sample.proof?.setting === SEED_SETTINGS[VERIFY_KEY]
    return {
      ok: claimsOk && settingOk,
      summary: claimsOk
        ? settingOk
          ? `the sample used ${identity.name} (by ${sample.def.kindLabel}) and read "${VERIFY_KEY}"`
          : `the claims match, but /config/${VERIFY_KEY} returned ${JSON.stringify(sample.proof?.setting)}`
        : 'the claims do not match the identity',
      details: [
        ...checks.map(
          (check) =>
            `${check.claim.padEnd(9)} ${check.received ?? '(missing)'}  ${check.label}${sameValue(check) ? '' : ` ≠ ${check.expected}`}`,
        ),
        `${VERIFY_KEY.padEnd(9)} ${JSON.stringify(sample.proof?.setting)}`,
      ],
    }
  },
}

/** Step 9: run `uami doctor` inside the host: every check passes. */
export const doctorStep: Step<SampleRun> = {
  id: 'doctor',
  title: 'When it fails: uami doctor',
  explanation: explanation('doctor'),
  az: (sample) => [
    doctorYourselfCommand(sample, doctorNameArgs(sample, displayPath(doctorFactsPath(sample.tour)))),
  ],
  async run() {
    return "uami doctor runs with the host's environment"
  },
  async verify(sample) {
    const report = await runDoctorChild({
      env: hostEnvironment(sample),
      args: await doctorArgs(sample),
      children: sample.tour.children,
    })
    const failed = report.checks.find((check) => check.status === 'fail')
    return {
      ok: report.ok,
      summary: report.ok
        ? `all ${report.checks.length} checks pass`
        : `${failed?.title}: ${failed?.code} (the fix is in the details)`,
      details: [
        ...report.checks.map(
          (check) => `${check.status === 'pass' ? '✔' : check.status === 'fail' ? '✖' : '–'} ${check.title}`,
        ),
        ...(failed?.fix ? failed.fix.split('\n') : []),
      ],
    }
  },
}

/**
 * Sets the sample's variables on the host through ARM: App Service app settings, the container app's environment
 * (a VM keeps them in its systemd unit, outside ARM). An emulator that does not model app settings yet answers
 * `NoRegisteredProviderFound`; the tour then hands the variables to the sample process itself, as the platform
 * would.
 */
export async function applySettings(sample: SampleRun): Promise<string> {
  try {
    const applied = await ensureAppSettings(
      sample.tour.target.clients,
      requireHost(sample),
      deploymentSettings(sample),
    )
    return applied.applied ? 'app settings set through ARM' : 'a VM keeps them in its systemd unit'
  } catch (error) {
    if (
      sample.tour.target.kind === 'local' &&
      /NoRegisteredProviderFound/.test(String((error as Error).message))
    ) {
      return 'this emulator models no app settings: the tour passes them to the process, as the platform would'
    }
    throw error
  }
}

/** `uami doctor` with the names that make its fix commands exact. */
export function doctorCommandLine(sample: SampleRun): string {
  const names = hostNames(sample)
  return `uami doctor --resource-group ${names.resourceGroup} --host-name ${names.name}${sample.tour.store ? ` --store-id ${sample.tour.store.id}` : ''}`
}

/** The doctor's arguments: names for the commands, and the facts ARM knows (read now). */
export async function doctorArgs(sample: SampleRun): Promise<string[]> {
  return doctorNameArgs(sample, await writeDoctorFacts(sample.tour))
}

/** The doctor's arguments for a facts file: the names that make its fix commands exact. */
function doctorNameArgs(sample: SampleRun, facts: string): string[] {
  const names = hostNames(sample)
  return [
    '--resource-group',
    names.resourceGroup,
    '--host-name',
    names.name,
    ...(sample.tour.store ? ['--store-id', sample.tour.store.id] : []),
    '--facts',
    facts,
  ]
}

async function armVerify(sample: SampleRun) {
  const { clients } = sample.tour.target
  const identity = requireIdentity(sample)
  const state = await describeHostIdentity(clients, requireHost(sample))
  const attached = state.userAssignedIdentityIds.some((id) => sameResourceId(id, identity.id))
  const roles = await findRoleAssignments(clients, {
    scope: requireStore(sample.tour).id,
    principalId: identity.principalId,
    role: 'App Configuration Data Reader',
  })
  return {
    ok: attached && roles.length > 0,
    summary: `ARM: identity ${attached ? 'attached' : 'NOT attached'}, Data Reader ${roles.length > 0 ? 'assigned' : 'NOT assigned'}. Deploy the sample (cd samples/${sample.def.id} && azd up), open /identity on it, and run ${doctorCommandLine(sample)} there.`,
  }
}

function sameValue(check: { claim: string; expected: string; received: string | undefined }): boolean {
  if (check.received === undefined) return false
  return check.claim === 'xms_mirid'
    ? sameResourceId(check.received, check.expected)
    : check.received.toLowerCase() === check.expected.toLowerCase()
}

/** The claims in the sample's `/identity` answer (`{ claims: {...} }` or the claims themselves). */
export function claimsOf(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null) return {}
  const record = body as Record<string, unknown>
  const nested = record.claims
  return typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>) : record
}

function settingOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body
  if (typeof body !== 'object' || body === null) return undefined
  const record = body as Record<string, unknown>
  return typeof record.value === 'string' ? record.value : undefined
}
