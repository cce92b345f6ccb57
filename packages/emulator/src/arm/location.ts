import { normalizeLocation } from './body.js'
import { ArmError } from './errors.js'

/** Throws ARM's 409 `InvalidResourceLocation` when a PUT/PATCH tries to move an existing resource. */
export function checkLocationUnchanged(
  existing: { name: string; resourceGroup: string; location: string },
  location: string,
): void {
  if (normalizeLocation(existing.location) === location) return
  throw new ArmError(
    409,
    'InvalidResourceLocation',
    `The resource '${existing.name}' already exists in location '${existing.location}' in resource group '${existing.resourceGroup}'. A resource with the same name cannot be created in location '${location}'. Please select a new resource name.`,
  )
}
