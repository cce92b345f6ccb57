import {
  deleteResourceGroup,
  deleteUserAssignedIdentity,
  removeRoleAssignment,
  sameResourceId,
} from '@uami/provision'
import { confirmAzure } from './confirm.js'
import type { TourRun } from './run-context.js'
import type { TourOptions } from './run-tour.js'

/**
 * `--cleanup`: removes what this run target's progress file says the tour created — resource groups it created
 * (and everything in them), otherwise its role assignments and identities one by one — through the same ARM
 * clients. Resources the tour found and reused are left alone. Asks first in Azure.
 */
export async function runCleanup(
  run: TourRun,
  options: Pick<TourOptions, 'ui' | 'prompts' | 'args' | 'canAsk'>,
): Promise<void> {
  const { ui } = options
  const created = run.progress.run(run.target.key, { location: run.location }).created
  if (created.length === 0) {
    ui.info('The tour has not created anything here, so there is nothing to remove.')
    return
  }
  const groups = created.filter((resource) => resource.type === 'resource-group')
  const outside = created.filter(
    (resource) =>
      resource.type !== 'resource-group' && !groups.some((group) => isInside(resource.id, group.id)),
  )
  const plan = [
    ...groups.map((group) => `resource group ${nameOf(group.id)} and everything in it`),
    ...outside.map((resource) => `${resource.type} ${resource.id}`),
  ]
  if (run.target.kind === 'azure') {
    await confirmAzure('delete', plan, {
      ui,
      prompts: options.prompts,
      yes: options.args.yes,
      canAsk: options.canAsk,
      subscriptionId: run.target.subscriptionId,
    })
  }
  await run.children.stopAll()
  const { clients } = run.target
  const left: string[] = []
  await ui.task('Removing what the tour created', async (progress) => {
    for (const resource of outside.filter((each) => each.type === 'role-assignment')) {
      progress(`Removing role assignment ${nameOf(resource.id)}`)
      await removeRoleAssignment(clients, { id: resource.id })
    }
    for (const resource of outside) {
      if (resource.type === 'identity') {
        progress(`Deleting identity ${nameOf(resource.id)}`)
        await deleteUserAssignedIdentity(clients, groupOf(resource.id), nameOf(resource.id))
      } else if (resource.type !== 'role-assignment') {
        left.push(resource.id)
      }
    }
    for (const group of groups) {
      progress(`Deleting resource group ${nameOf(group.id)} (this can take minutes in Azure)`)
      await deleteResourceGroup(clients, nameOf(group.id), {
        purgeDeletedStores: run.target.kind === 'azure',
      })
    }
  })
  await run.progress.forget(run.target.key)
  ui.success(`Removed: ${plan.filter((line) => !left.some((id) => line.includes(id))).join('; ')}.`)
  if (left.length > 0)
    ui.warn(
      `Left in place (in a resource group the tour did not create): ${left.join(', ')}. Delete them with az resource delete --ids <id>.`,
    )
}

function isInside(id: string, groupId: string): boolean {
  return sameResourceId(id, groupId) || id.toLowerCase().startsWith(`${groupId.toLowerCase()}/`)
}

function nameOf(id: string): string {
  return id.split('/').filter(Boolean).at(-1) ?? id
}

function groupOf(id: string): string {
  const segments = id.split('/').filter(Boolean)
  const index = segments.findIndex((segment) => segment.toLowerCase() === 'resourcegroups')
  return segments[index + 1] ?? ''
}
