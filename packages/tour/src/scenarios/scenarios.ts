import {
  attachIdentity,
  azCommands,
  detachIdentity,
  ensureRoleAssignment,
  findRoleAssignments,
  removeRoleAssignment,
  sampleIdentifier,
} from '@uami/provision'
import type { ScenarioId } from '../cli/args.js'
import type { Diagnosis } from '../doctor/report.js'
import { hostNames } from '../steps/identity-steps.js'
import { azureDeploymentSettings } from '../steps/sample-env.js'
import { applySettings } from '../steps/sample-steps.js'
import { settingsCommand } from '../steps/settings-command.js'
import { requireHost, requireIdentity, requireStore, type SampleRun } from '../tour/run-context.js'
import type { SampleId } from '../tour/samples.js'

/** How long the `propagating` scenario makes the emulator delay new role assignments. */
export const PROPAGATION_DELAY_MS = 20_000

/** What a scenario changes, and the commands that do the same by hand. */
export interface ScenarioStepResult {
  description: string
  az: string[]
  /** The fix needs the sample restarted (its environment changed). */
  restart?: boolean
}

/** A "what goes wrong" scenario: one step skipped or done wrong on purpose, and its fix. */
export interface ScenarioDef {
  id: ScenarioId
  title: string
  /** What `uami doctor` should diagnose. */
  expected: Diagnosis
  /** The samples it applies to (the first is the default). */
  samples: readonly SampleId[]
  /** Breaks the (otherwise complete) setup. */
  breakIt(sample: SampleRun): Promise<ScenarioStepResult>
  /** Repairs it. */
  fix(sample: SampleRun): Promise<ScenarioStepResult>
}

const ALL: readonly SampleId[] = ['app-service', 'container-apps', 'vm']

/** The four scenarios of the tour. */
export const SCENARIO_DEFS: Readonly<Record<ScenarioId, ScenarioDef>> = {
  'not-attached': {
    id: 'not-attached',
    title: 'The identity is not attached to the host',
    expected: 'not-attached',
    samples: ALL,
    async breakIt(sample) {
      const identity = requireIdentity(sample)
      await detachIdentity(sample.tour.target.clients, requireHost(sample), identity.id)
      return {
        description: `detached ${identity.name} from ${requireHost(sample).name}`,
        az: [azCommands.identityRemove(hostNames(sample), identity.id)],
      }
    },
    async fix(sample) {
      const identity = requireIdentity(sample)
      await attachIdentity(sample.tour.target.clients, requireHost(sample), identity.id)
      return {
        description: `attached ${identity.name} again`,
        az: [azCommands.identityAssign(hostNames(sample), identity.id)],
      }
    },
  },
  'no-role': {
    id: 'no-role',
    title: 'The identity has no App Configuration Data Reader role',
    expected: 'no-role',
    samples: ALL,
    async breakIt(sample) {
      const identity = requireIdentity(sample)
      const removed = await removeDataReader(sample)
      sample.role = undefined
      return {
        description: `removed App Configuration Data Reader from ${identity.name}`,
        az: removed.map((id) => azCommands.roleAssignmentDelete({ id })),
      }
    },
    async fix(sample) {
      const identity = requireIdentity(sample)
      const scope = requireStore(sample.tour).id
      sample.role = await ensureRoleAssignment(sample.tour.target.clients, {
        scope,
        principalId: identity.principalId,
        principalType: 'ServicePrincipal',
      })
      return {
        description: `assigned App Configuration Data Reader to ${identity.name}`,
        az: [azCommands.roleAssignmentCreate({ principalId: identity.principalId, scope })],
      }
    },
  },
  'wrong-kind': {
    id: 'wrong-kind',
    title: 'The identifier is of the wrong kind',
    expected: 'wrong-kind',
    samples: ['app-service', 'vm'],
    async breakIt(sample) {
      const identity = requireIdentity(sample)
      const right = sampleIdentifier(sample.def.id, identity)
      const wrongValue = right.kind === 'clientId' ? identity.principalId : identity.clientId
      sample.identifier = { ...right, value: wrongValue }
      await applySettings(sample)
      return {
        description: `set ${right.variable} to the identity's ${right.kind === 'clientId' ? 'principal (object) ID' : 'client ID'} ${wrongValue} — a valid GUID of the wrong kind`,
        az: [settingsCommand(sample, azureDeploymentSettings(sample))],
        restart: true,
      }
    },
    async fix(sample) {
      const right = sampleIdentifier(sample.def.id, requireIdentity(sample))
      sample.identifier = right
      await applySettings(sample)
      return {
        description: `set ${right.variable} to the identity's ${sample.def.kindLabel} ${right.value} and restarted the sample`,
        az: [settingsCommand(sample, azureDeploymentSettings(sample))],
        restart: true,
      }
    },
  },
  propagating: {
    id: 'propagating',
    title: 'The role was just assigned and is still propagating',
    expected: 'propagating',
    samples: ALL,
    async breakIt(sample) {
      const emulator = sample.tour.target.emulator
      if (!emulator) throw new Error('Internal error: the propagating scenario needs the local emulator.')
      const identity = requireIdentity(sample)
      const scope = requireStore(sample.tour).id
      const { clients } = sample.tour.target
      await removeDataReader(sample)
      emulator.settings.propagationDelayMs = PROPAGATION_DELAY_MS
      sample.role = await ensureRoleAssignment(clients, {
        scope,
        principalId: identity.principalId,
        principalType: 'ServicePrincipal',
      })
      return {
        description: `assigned App Configuration Data Reader again, with the emulator delaying new assignments by ${PROPAGATION_DELAY_MS / 1000} s (Azure: up to ~15 minutes)`,
        az: [azCommands.roleAssignmentCreate({ principalId: identity.principalId, scope })],
      }
    },
    async fix() {
      return { description: 'nothing to change: waited while the sample retried on its own', az: [] }
    },
  },
}

/** Removes the identity's Data Reader assignments on the store; returns their IDs. */
async function removeDataReader(sample: SampleRun): Promise<string[]> {
  const { clients } = sample.tour.target
  const scope = requireStore(sample.tour).id
  const principalId = requireIdentity(sample).principalId
  const found = await findRoleAssignments(clients, {
    scope,
    principalId,
    role: 'App Configuration Data Reader',
  })
  for (const assignment of found) await removeRoleAssignment(clients, { id: assignment.id })
  return found.map((assignment) => assignment.id)
}
