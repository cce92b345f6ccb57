import {
  attachIdentity,
  azCommands,
  describeHostIdentity,
  type EnsureHostOptions,
  ensureHost,
  ensureRoleAssignment,
  ensureUserAssignedIdentity,
  findRoleAssignments,
  getUserAssignedIdentityOptional,
  providerResourceId,
  sameResourceId,
  USER_ASSIGNED_IDENTITY_TYPE,
} from '@uami/provision'
import { explanation } from '../content.js'
import type { Step } from '../engine/step.js'
import { requireHost, requireIdentity, requireStore, type SampleRun } from '../tour/run-context.js'
import { waitOptions } from './shared-steps.js'

/** The identity's resource ID, known or as it will be. */
function identityId(sample: SampleRun): string {
  const { tour, def } = sample
  return (
    sample.identity?.id ??
    providerResourceId(
      tour.target.subscriptionId,
      tour.names.resourceGroup,
      USER_ASSIGNED_IDENTITY_TYPE,
      tour.names.identity(def.id),
    )
  )
}

/** The host's names as the az commands need them. */
export function hostNames(sample: SampleRun) {
  return {
    kind: sample.def.id,
    resourceGroup: sample.tour.names.resourceGroup,
    name: sample.tour.names.host(sample.def.id),
  }
}

/** Step 3: create the user-assigned identity. */
export const identityStep: Step<SampleRun> = {
  id: 'identity',
  title: 'Create the user-assigned managed identity',
  explanation: explanation('identity'),
  az(sample) {
    const names = {
      resourceGroup: sample.tour.names.resourceGroup,
      name: sample.tour.names.identity(sample.def.id),
    }
    return [
      azCommands.identityCreate(names),
      azCommands.identityShow({ ...names, query: 'clientId' }),
      azCommands.identityShow({ ...names, query: 'principalId' }),
      azCommands.identityShow({ ...names, query: 'id' }),
    ]
  },
  async run(sample) {
    const { tour, def } = sample
    const identity = await ensureUserAssignedIdentity(tour.target.clients, {
      resourceGroup: tour.names.resourceGroup,
      name: tour.names.identity(def.id),
    })
    if (identity.created) await tour.recordCreated('identity', identity.id)
    sample.identity = identity
    return `${identity.created ? 'created' : 'reused'} ${identity.name}`
  },
  async verify(sample) {
    const { tour, def } = sample
    const read = await getUserAssignedIdentityOptional(
      tour.target.clients,
      tour.names.resourceGroup,
      tour.names.identity(def.id),
    )
    return {
      ok: read !== undefined && read.clientId !== '' && read.principalId !== '',
      summary: read
        ? `ARM returns ${read.name} with its three identifiers`
        : 'ARM does not return the identity',
      details: read
        ? [`client ID    ${read.clientId}`, `object ID    ${read.principalId}`, `resource ID  ${read.id}`]
        : [],
    }
  },
}

/** Step 4: create the host the sample runs on. */
export const hostStep: Step<SampleRun> = {
  id: 'host',
  title: 'Create the host',
  explanation: explanation('host'),
  az: (sample) => azCommands.hostCreate({ ...hostNames(sample), location: sample.tour.location }),
  async run(sample) {
    const { tour, def } = sample
    const base = {
      resourceGroup: tour.names.resourceGroup,
      name: tour.names.host(def.id),
      prerequisites: tour.target.prerequisites,
    }
    const options: EnsureHostOptions =
      def.id === 'vm'
        ? {
            kind: 'vm',
            ...base,
            ...(tour.target.sshPublicKey ? { sshPublicKey: tour.target.sshPublicKey } : {}),
          }
        : { kind: def.id, ...base }
    const host = await ensureHost(tour.target.clients, options)
    if (host.created) await tour.recordCreated('host', host.id)
    sample.host = host
    return `${host.created ? 'created' : 'reused'} ${def.label} ${host.name}`
  },
  async verify(sample) {
    const host = requireHost(sample)
    const state = await describeHostIdentity(sample.tour.target.clients, host)
    return {
      ok: true,
      summary: `ARM returns ${host.name} (identity type "${state.type}", ${state.userAssignedIdentityIds.length} user-assigned)`,
      details: [`resource ID  ${host.id}`],
    }
  },
}

/** Step 5: attach the identity to the host. */
export const attachStep: Step<SampleRun> = {
  id: 'attach',
  title: 'Attach the identity to the host',
  explanation: explanation('attach'),
  az: (sample) => [
    azCommands.identityAssign(hostNames(sample), identityId(sample)),
    azCommands.hostIdentityShow(hostNames(sample)),
  ],
  async run(sample) {
    const result = await attachIdentity(
      sample.tour.target.clients,
      requireHost(sample),
      requireIdentity(sample).id,
    )
    return result.changed ? 'attached' : 'already attached'
  },
  async verify(sample) {
    const state = await describeHostIdentity(sample.tour.target.clients, requireHost(sample))
    const identity = requireIdentity(sample)
    const attached = state.userAssignedIdentityIds.some((id) => sameResourceId(id, identity.id))
    return {
      ok: attached,
      summary: attached
        ? `the host lists ${identity.name} in identity.userAssignedIdentities`
        : `the host does not list ${identity.name} (type "${state.type}")`,
    }
  },
}

/** Step 6: App Configuration Data Reader for the identity on the store. */
export const roleStep: Step<SampleRun> = {
  id: 'role-assignment',
  title: 'Assign App Configuration Data Reader on the store',
  explanation: explanation('role-assignment'),
  az(sample) {
    const scope = sample.tour.store?.id ?? '<store-resource-id>'
    return [
      azCommands.roleAssignmentCreate({
        principalId: sample.identity?.principalId ?? '<principal-id>',
        scope,
      }),
      azCommands.roleAssignmentList({ principalId: sample.identity?.principalId ?? '<principal-id>', scope }),
    ]
  },
  async run(sample, io) {
    const store = requireStore(sample.tour)
    const identity = requireIdentity(sample)
    const role = await ensureRoleAssignment(sample.tour.target.clients, {
      scope: store.id,
      principalId: identity.principalId,
      principalType: 'ServicePrincipal',
      role: 'App Configuration Data Reader',
      principalRetry: waitOptions(io),
    })
    if (role.created) await sample.tour.recordCreated('role-assignment', role.id)
    sample.role = role
    return `${role.created ? 'assigned' : 'already assigned'} App Configuration Data Reader to ${identity.principalId}`
  },
  async verify(sample) {
    const store = requireStore(sample.tour)
    const identity = requireIdentity(sample)
    const found = await findRoleAssignments(sample.tour.target.clients, {
      scope: store.id,
      principalId: identity.principalId,
      role: 'App Configuration Data Reader',
    })
    return {
      ok: found.length > 0,
      summary:
        found.length > 0
          ? `ARM lists App Configuration Data Reader for ${identity.principalId} on ${store.name}`
          : `ARM lists no App Configuration Data Reader for ${identity.principalId} on ${store.name}`,
      details: found.map((assignment) => assignment.id),
    }
  },
}
