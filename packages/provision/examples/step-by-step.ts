// The tutorial one step at a time, as the tour runs it: show the az command, do the step, prove it worked.
import { ClientSecretCredential, DefaultAzureCredential } from '@azure/identity'
import {
  attachIdentity,
  azCommands,
  createArmClients,
  describeHostIdentity,
  ensureAppConfigurationStore,
  ensureHost,
  ensureResourceGroup,
  ensureRoleAssignment,
  ensureUserAssignedIdentity,
  findRoleAssignments,
  isProvisionError,
} from '@uami/provision'

const env = process.env
const local = env.UAMI_ARM_ENDPOINT // set: the local emulator; unset: Azure
const credential = local
  ? new ClientSecretCredential(
      env.AZURE_TENANT_ID ?? '',
      env.AZURE_CLIENT_ID ?? '',
      env.AZURE_CLIENT_SECRET ?? '',
      {
        authorityHost: env.AZURE_AUTHORITY_HOST ?? '',
        disableInstanceDiscovery: true,
      },
    )
  : new DefaultAzureCredential()
const clients = createArmClients({
  credential,
  subscriptionId: env.AZURE_SUBSCRIPTION_ID ?? '',
  endpoint: local,
})
const resourceGroup = 'rg-uami'
const location = 'swedencentral'

try {
  console.log(`$ ${azCommands.groupCreate({ resourceGroup, location })}`)
  await ensureResourceGroup(clients, { name: resourceGroup, location })

  console.log(`$ ${azCommands.appConfigCreate({ resourceGroup, name: 'appcs-uami-7f3a', location })}`)
  const store = await ensureAppConfigurationStore(clients, { resourceGroup, name: 'appcs-uami-7f3a' })

  console.log(`$ ${azCommands.identityCreate({ resourceGroup, name: 'id-uami-vm' })}`)
  const identity = await ensureUserAssignedIdentity(clients, { resourceGroup, name: 'id-uami-vm' })
  console.log(`  principalId (object ID): ${identity.principalId}`)

  // In Azure the VM needs your SSH public key (never a private key); locally 'skip' creates the VM alone.
  const host = await ensureHost(clients, {
    kind: 'vm',
    resourceGroup,
    name: 'vm-uami',
    prerequisites: local ? 'skip' : 'create',
    sshPublicKey: env.SSH_PUBLIC_KEY,
  })
  console.log(`$ ${azCommands.identityAssign(host, identity.id)}`)
  await attachIdentity(clients, host, identity.id)
  const attached = await describeHostIdentity(clients, host)
  console.log(
    `  verified: ${host.name} has ${attached.userAssignedIdentityIds.length} user-assigned identity`,
  )

  console.log(`$ ${azCommands.roleAssignmentCreate({ principalId: identity.principalId, scope: store.id })}`)
  await ensureRoleAssignment(clients, { scope: store.id, principalId: identity.principalId })
  const roles = await findRoleAssignments(clients, { scope: store.id, principalId: identity.principalId })
  console.log(`  verified: ${roles.length} role assignment on the store`)
} catch (error) {
  // Every error says what failed, why, and the fix; `code` is stable (see the README's error table).
  console.error(isProvisionError(error) ? `${error.code}: ${error.message}` : error)
  process.exitCode = 1
}
