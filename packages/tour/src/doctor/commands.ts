/** Quotes a value for a POSIX shell when it needs it; `<placeholders>` stay as they are. */
export function shellArg(value: string): string {
  if (/^<[a-z0-9-]+>$/.test(value) || /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value
  return `'${value.replaceAll("'", `'\\''`)}'`
}

/** Where the app runs, as far as commands need it. */
export interface HostNamesForCommands {
  host: string
  resourceGroup?: string | undefined
  hostName?: string | undefined
}

/**
 * The command that sets one of the app's environment variables where it runs: an App Service app setting, a
 * container app environment variable, the line of the VM sample's environment file (`/etc/uami-sample.env`, read by
 * its systemd unit) and a restart of the unit, or an `export` on a developer machine. One command line, to put on
 * a line of its own in a fix.
 *
 * @example
 * ```ts
 * setVariableCommand({ host: 'app-service', resourceGroup: 'rg-uami', hostName: 'app-uami' }, 'AZURE_CLIENT_ID', id)
 * // az webapp config appsettings set --resource-group rg-uami --name app-uami --settings AZURE_CLIENT_ID=…
 * ```
 */
export function setVariableCommand(names: HostNamesForCommands, variable: string, value: string): string {
  const rg = shellArg(names.resourceGroup ?? '<resource-group>')
  const assignment = `${variable}=${shellArg(value)}`
  switch (names.host) {
    case 'app-service':
      return `az webapp config appsettings set --resource-group ${rg} --name ${shellArg(names.hostName ?? '<app-name>')} --settings ${assignment}`
    case 'container-apps':
      return `az containerapp update --resource-group ${rg} --name ${shellArg(names.hostName ?? '<containerapp-name>')} --set-env-vars ${assignment}`
    case 'vm':
      // The sample's systemd unit reads /etc/uami-sample.env: replace the line, then restart the unit.
      return `sudo sed -i '/^${variable}=/d' /etc/uami-sample.env && echo ${shellArg(assignment)} | sudo tee -a /etc/uami-sample.env > /dev/null && sudo systemctl restart uami-sample`
    default:
      return `export ${assignment}`
  }
}
