import type { ProvisionedSample } from '@uami/provision'

/**
 * The attach command each host's sample must show while its identity is not attached — written out here, not
 * computed with the credential package's own helpers, so that the test checks them. The names come from what the
 * host tells the app: App Service sets `WEBSITE_SITE_NAME` and `WEBSITE_RESOURCE_GROUP`; Container Apps sets
 * `CONTAINER_APP_NAME` only, so the command looks the resource group up by the app's name; a VM sets nothing, so
 * its names stay `<placeholders>`. The identity is its real resource ID: the sample's own identifier (Container
 * Apps) or `UAMI_IDENTITY_RESOURCE_ID`, which the deployment sets.
 */
export function expectedAttachCommand(provisioned: ProvisionedSample): string {
  const { host, identity } = provisioned
  switch (host.kind) {
    case 'app-service':
      return `az webapp identity assign --resource-group ${host.resourceGroup} --name ${host.name} --identities ${identity.id}`
    case 'container-apps':
      return `az containerapp identity assign --resource-group "$(az containerapp list --query "[?name=='${host.name}'].resourceGroup | [0]" --output tsv)" --name ${host.name} --user-assigned ${identity.id}`
    case 'vm':
      return `az vm identity assign --resource-group <resource-group> --name <vm-name> --identities ${identity.id}`
  }
}

/** The role assignment command a 403 must show: the identity's principal ID and the store's resource ID. */
export function expectedRoleCommand(provisioned: ProvisionedSample): string {
  return `az role assignment create --assignee-object-id ${provisioned.identity.principalId} --assignee-principal-type ServicePrincipal --role "App Configuration Data Reader" --scope ${provisioned.store.id}`
}

/** The claim that proves the identity for each identifier kind, and its expected value. */
export function expectedProof(provisioned: ProvisionedSample): { claim: string; value: string } {
  switch (provisioned.identifier.kind) {
    case 'clientId':
      return { claim: 'appid', value: provisioned.identity.clientId }
    case 'resourceId':
      return { claim: 'xms_mirid', value: provisioned.identity.id }
    case 'objectId':
      return { claim: 'oid', value: provisioned.identity.principalId }
  }
}
