import type { Prompts } from '../engine/prompts.js'
import { ConfirmationRequiredError } from '../errors/confirmation-required-error.js'
import { DeclinedError } from '../errors/declined-error.js'
import type { TourUi } from '../ui/tour-ui.js'
import type { TourNames } from './names.js'
import type { SampleDef } from './samples.js'

/** What the tour will create in Azure for these samples, one line each. */
export function creationPlan(names: TourNames, samples: readonly SampleDef[], location: string): string[] {
  const lines = [
    `resource group ${names.resourceGroup} (${location})`,
    `App Configuration store ${names.store} (free tier; one free store per subscription)`,
    'role assignments: App Configuration Data Owner for you, Data Reader for each identity',
  ]
  for (const sample of samples) {
    const host = names.host(sample.id)
    const extra =
      sample.id === 'app-service'
        ? `App Service plan asp-${host} (Linux B1, billed while it exists) and web app ${host}`
        : sample.id === 'container-apps'
          ? `Container Apps environment cae-${host} and container app ${host}`
          : `virtual machine ${host} (Standard_B1s, billed while it exists) with its network`
    lines.push(`identity ${names.identity(sample.id)}; ${extra}`)
  }
  return lines
}

/**
 * Asks before the tour creates or deletes anything in Azure. `--yes` confirms up front; in a terminal the user is
 * asked (default: no); without a terminal and without `--yes` nothing happens.
 *
 * @throws {@link ConfirmationRequiredError} without a terminal and `--yes`; {@link DeclinedError} when the user says no.
 */
export async function confirmAzure(
  action: 'create' | 'delete',
  plan: readonly string[],
  context: { ui: TourUi; prompts: Prompts; yes: boolean; canAsk: boolean; subscriptionId: string },
): Promise<void> {
  const title =
    action === 'create'
      ? `The tour will create in subscription ${context.subscriptionId}`
      : `The tour will delete from subscription ${context.subscriptionId}`
  const note =
    action === 'create'
      ? 'These resources may cost money until you remove them (uami --azure --cleanup).'
      : 'This cannot be undone.'
  context.ui.block(title, [...plan.map((line) => `• ${line}`), '', note].join('\n'))
  if (context.yes) return
  if (!context.canAsk) throw new ConfirmationRequiredError(action, plan)
  const ok = await context.prompts.confirm({
    message: action === 'create' ? 'Create these resources?' : 'Delete these resources?',
    initial: false,
  })
  if (!ok) throw new DeclinedError(action)
}
