/** Thrown when a host resource ID is malformed or names a type that is not an emulated host. */
export class InvalidHostIdError extends Error {
  override name = 'InvalidHostIdError' as const
  readonly code = 'UAMI_EMU_INVALID_HOST_ID'
  constructor(readonly hostResourceId: string) {
    super(
      `'${hostResourceId}' is not a host resource ID. Expected /subscriptions/{sub}/resourceGroups/{rg}/providers/` +
        'Microsoft.Web/sites/{name}, .../Microsoft.App/containerApps/{name} or .../Microsoft.Compute/virtualMachines/{name}.',
    )
  }
}

/** Thrown when no emulated host has the given resource ID. */
export class HostNotFoundError extends Error {
  override name = 'HostNotFoundError' as const
  readonly code = 'UAMI_EMU_HOST_NOT_FOUND'
  constructor(readonly hostResourceId: string) {
    super(
      `The emulator has no host '${hostResourceId}'. Create it first through the emulator's ARM endpoint ` +
        '(e.g. WebSiteManagementClient.webApps.beginCreateOrUpdateAndWait) and check the ID for typos.',
    )
  }
}
