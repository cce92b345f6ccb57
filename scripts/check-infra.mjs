// npm run check:infra: every sample's deploy assets checked by the real tools. For each sample: `bicep build` of
// infra/main.bicep, `bicep lint` with the repository's bicepconfig.json (errors fail; warnings are reported),
// main.parameters.json against the compiled template's parameters, assertions on the compiled ARM JSON
// (identity, role, store, settings, image pull, cloud-init), azure.yaml's azd fields, the Dockerfile's basics and
// `systemd-analyze verify` of the VM's unit. Needs `bicep` on PATH (scripts/install-bicep.sh; `az bicep` on CI).
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = fileURLToPath(new URL('..', import.meta.url))
const DATA_READER = '516239f1-63e1-4d78-a4de-a74fb236a071'
const SAMPLES = {
  'app-service': { host: 'Microsoft.Web/sites', variable: 'AZURE_CLIENT_ID', value: /identityClientId/ },
  'container-apps': {
    host: 'Microsoft.App/containerApps',
    variable: 'AZURE_MANAGED_IDENTITY_RESOURCE_ID',
    value: /identityResourceId/,
  },
  vm: {
    host: 'Microsoft.Compute/virtualMachines',
    variable: 'AZURE_MANAGED_IDENTITY_OBJECT_ID',
    value: /identityPrincipalId/,
  },
}

const bicep = process.env.BICEP ?? 'bicep'
if (spawnSync(bicep, ['--version']).status !== 0) {
  process.stderr.write(
    'UAMI_INFRA_NO_BICEP: the Bicep CLI is not on PATH. Install it with: export PATH="$(bash scripts/install-bicep.sh):$PATH" (or use az bicep).\n',
  )
  process.exit(1)
}
const env = { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', BICEP_TRACING_ENABLED: 'false' }

/** Every resource of a compiled template, nested deployments included, with the template that holds it. */
function resources(template) {
  const list = Array.isArray(template.resources)
    ? template.resources
    : Object.values(template.resources ?? {})
  return list.flatMap((resource) =>
    resource.type === 'Microsoft.Resources/deployments'
      ? [{ resource, template }, ...resources(resource.properties.template)]
      : [{ resource, template }],
  )
}
const ofType = (all, type) => all.filter(({ resource }) => resource.type === type)
const settingsOf = (host) =>
  host.properties.siteConfig?.appSettings ?? host.properties.template?.containers?.[0]?.env ?? []

const counts = { built: 0, linted: 0, warnings: [], assertions: 0 }
const check = (condition, message) => {
  assert.ok(condition, message)
  counts.assertions += 1
}

for (const [name, expected] of Object.entries(SAMPLES)) {
  const dir = join(REPO, 'samples', name)
  const main = join(dir, 'infra/main.bicep')
  const compiled = JSON.parse(execFileSync(bicep, ['build', main, '--stdout'], { env, encoding: 'utf8' }))
  counts.built += 1
  const lint = spawnSync(bicep, ['lint', main], { env, encoding: 'utf8' })
  const diagnostics = `${lint.stdout}${lint.stderr}`
    .split('\n')
    .filter((line) => /: (Error|Warning) /.test(line))
  const errors = diagnostics.filter((line) => / : Error /.test(line) || /: Error /.test(line))
  assert.equal(lint.status, 0, `${name}: bicep lint failed\n${errors.join('\n')}`)
  assert.deepEqual(errors, [], `${name}: bicep lint errors`)
  counts.linted += 1
  counts.warnings.push(...diagnostics.map((line) => line.replace(REPO, '')))

  // main.parameters.json (azd fills the ${…} values): every value names a parameter of the template, and every
  // template parameter without a default gets a value.
  const parameters = JSON.parse(readFileSync(join(dir, 'infra/main.parameters.json'), 'utf8')).parameters
  for (const key of Object.keys(parameters))
    check(key in compiled.parameters, `${name}: ${key} is not a parameter`)
  for (const [key, definition] of Object.entries(compiled.parameters)) {
    if (definition.defaultValue === undefined && !definition.nullable)
      check(key in parameters, `${name}: required parameter ${key} has no value in main.parameters.json`)
  }

  const all = resources(compiled)
  const [identity] = ofType(all, 'Microsoft.ManagedIdentity/userAssignedIdentities')
  check(identity !== undefined, `${name}: no user-assigned identity`)
  const [host] = ofType(all, expected.host).map(({ resource }) => resource)
  check(host !== undefined, `${name}: no ${expected.host}`)
  check(host.identity?.type === 'UserAssigned', `${name}: the host's identity is not UserAssigned only`)
  check(
    Object.keys(host.identity.userAssignedIdentities ?? {}).some((key) => /identityResourceId/.test(key)),
    `${name}: the identity is not attached to the host`,
  )
  const [store] = ofType(all, 'Microsoft.AppConfiguration/configurationStores').map(
    ({ resource }) => resource,
  )
  check(store?.properties?.disableLocalAuth === true, `${name}: the store does not disable local auth`)
  const reader = ofType(all, 'Microsoft.Authorization/roleAssignments').find(({ resource, template }) => {
    const id = resource.properties.roleDefinitionId
    return (
      id.includes(DATA_READER) ||
      Object.entries(template.variables ?? {}).some(
        ([variable, value]) => value === DATA_READER && id.includes(`variables('${variable}')`),
      )
    )
  })
  check(reader !== undefined, `${name}: no App Configuration Data Reader role assignment`)
  check(
    reader.resource.properties.principalType === 'ServicePrincipal',
    `${name}: principalType is not ServicePrincipal`,
  )
  check(
    /principalId/i.test(reader.resource.properties.principalId),
    `${name}: the role is not for the identity's principal ID`,
  )
  check(
    /configurationStores/.test(reader.resource.scope ?? ''),
    `${name}: the role is not scoped to the store`,
  )
  const deployment = all.find(
    ({ resource }) =>
      resource.type === 'Microsoft.Resources/deployments' &&
      resources(resource.properties.template).some(({ resource: inner }) => inner === reader.resource),
  )
  check(
    /'identity'.*outputs\.principalId/.test(
      JSON.stringify(Object.values(deployment.resource.properties.parameters)),
    ),
    `${name}: the reader principal is not the identity module's principalId`,
  )

  if (name === 'vm') {
    const vm = all.find(({ resource }) => resource === host)
    const variables = vm.template.variables
    check(
      JSON.stringify(variables.envLines).includes(`${expected.variable}=`),
      `${name}: the env file lacks ${expected.variable}`,
    )
    check(
      JSON.stringify(variables.envLines).includes('APP_CONFIG_ENDPOINT='),
      `${name}: the env file lacks APP_CONFIG_ENDPOINT`,
    )
    check(
      expected.value.test(JSON.stringify(variables.envLines)),
      `${name}: ${expected.variable} is not the object ID`,
    )
    check(/#cloud-config/.test(variables.cloudInitTemplate), `${name}: custom data is not cloud-init`)
    const install = readFileSync(join(dir, 'deploy/install.sh'), 'utf8')
    check(/NODE_MAJOR=22/.test(install), `${name}: cloud-init's install.sh does not install Node 22`)
    const unit = readFileSync(join(dir, 'deploy/uami-sample.service'), 'utf8')
    check(
      /^Environment=AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential$/m.test(unit),
      `${name}: the unit lacks AZURE_TOKEN_CREDENTIALS`,
    )
    check(
      /^EnvironmentFile=\/etc\/uami-sample\.env$/m.test(unit),
      `${name}: the unit does not read the env file`,
    )
    const scratch = mkdtempSync(join(tmpdir(), 'uami-unit-'))
    try {
      // systemd-analyze verify needs the ExecStart binary to exist: point it at one that does.
      writeFileSync(
        join(scratch, 'uami-sample.service'),
        unit.replace(/^ExecStart=\S+/m, `ExecStart=${process.execPath}`),
      )
      const verify = spawnSync('systemd-analyze', ['verify', join(scratch, 'uami-sample.service')], {
        encoding: 'utf8',
      })
      if (verify.error === undefined) {
        const problems = `${verify.stdout}${verify.stderr}`
          .split('\n')
          .filter(
            (line) =>
              line.includes('uami-sample.service') &&
              !/User=|Group=|not found|Failed to|Unit .* not found/i.test(line),
          )
        check(
          verify.status === 0 || problems.length === 0,
          `${name}: systemd-analyze verify: ${verify.stderr}`,
        )
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  } else {
    const settings = settingsOf(host)
    const identifier = settings.find((setting) => setting.name === expected.variable)
    check(
      identifier !== undefined && expected.value.test(identifier.value),
      `${name}: ${expected.variable} is not set to the identity's value`,
    )
    check(
      settings.some((setting) => setting.name === 'APP_CONFIG_ENDPOINT'),
      `${name}: APP_CONFIG_ENDPOINT is not set`,
    )
  }
  if (name === 'container-apps') {
    const registries = host.properties.configuration?.registries ?? []
    check(
      registries.length > 0 && registries.every((registry) => /identityResourceId/.test(registry.identity)),
      `${name}: the image is not pulled with the identity`,
    )
    const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8')
    check((dockerfile.match(/^FROM /gm) ?? []).length >= 2, `${name}: the Dockerfile is not multi-stage`)
    check(
      /^FROM node:\$\{NODE_MAJOR\}-bookworm-slim AS build$/m.test(dockerfile) &&
        /^ARG NODE_MAJOR=22$/m.test(dockerfile),
      `${name}: the build stage is not a pinned node:22 slim base`,
    )
    check(/^USER (?!root|0\b)\S+/m.test(dockerfile), `${name}: the image runs as root`)
  }

  // azure.yaml: azd's documented service fields.
  const azureYaml = readFileSync(join(dir, 'azure.yaml'), 'utf8')
  const hostKind = { 'app-service': 'appservice', 'container-apps': 'containerapp', vm: null }[name]
  check(/^name: \S+/m.test(azureYaml), `${name}: azure.yaml has no name`)
  if (hostKind !== null) {
    check(
      new RegExp(`^ {4}host: ${hostKind}$`, 'm').test(azureYaml),
      `${name}: azure.yaml's service host is not ${hostKind}`,
    )
    check(/^ {4}project: \S+/m.test(azureYaml), `${name}: azure.yaml's service has no project`)
    check(
      /^ {4}language: (js|ts)$/m.test(azureYaml) || /^ {4}image:|docker:/m.test(azureYaml),
      `${name}: azure.yaml's service has no language`,
    )
  }
  const hooks = [...azureYaml.matchAll(/^ {6}(\w+):$/gm)].map((match) => match[1])
  const known = [
    'prerestore',
    'postrestore',
    'prepackage',
    'postpackage',
    'predeploy',
    'postdeploy',
    'preprovision',
    'postprovision',
    'preup',
    'postup',
  ]
  for (const hook of hooks) check(known.includes(hook), `${name}: azure.yaml has an unknown hook ${hook}`)
  check(
    existsSync(join(dir, 'infra/main.bicep')),
    `${name}: azd's default infra path infra/main.bicep is missing`,
  )
}

process.stdout.write(
  `check:infra: ${counts.built} templates built, ${counts.linted} linted with 0 errors and ${counts.warnings.length} warning(s), ${counts.assertions} assertions on the compiled templates and deploy files passed\n`,
)
for (const warning of counts.warnings) process.stdout.write(`  warning: ${warning}\n`)
