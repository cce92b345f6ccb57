/** The `uami --help` text. */
export const USAGE = `uami — user-assigned managed identity for Node.js on Azure, step by step

Usage
  uami [tour] [options]        walk through the tutorial (the default command)
  uami doctor [options]        diagnose the managed identity chain where the app runs
  uami help | --help           show this help
  uami --version               print the version

  From the repository (after npm ci and npm run build) run it as npx uami, e.g. npx uami doctor --help;
  npm start is npx uami after a build.

Tour options
  --local                      run against the embedded local emulator (default; state in <dir>/emulator)
  --azure                      run against a real Azure subscription (creates resources that may cost money)
  --subscription <id>          the subscription for --azure (default: AZURE_SUBSCRIPTION_ID)
  --location <region>          the region for new resources (default: swedencentral)
  --sample <name>              app-service, container-apps, vm or all (default: ask; all without a terminal)
  --what-goes-wrong <scenario> skip one step on purpose and watch doctor diagnose it:
                               not-attached, no-role, wrong-kind, propagating
  --yes, -y                    run every step without asking (also: no terminal, or CI=true);
                               with --azure, confirms creating resources up front
  --cleanup                    remove what the tour created (resources recorded in <dir>/tour.json)
  --fresh                      forget earlier progress (existing resources are still reused)
  --dir <path>                 where the tour keeps its state (default: ./.uami)
  --ssh-public-key <path>      public key for the VM in --azure mode (default: ~/.ssh/id_ed25519.pub or id_rsa.pub)

Doctor options
  --json                       print the report as JSON (schema uami.doctor/1)
  --resource-group <name>      the host's resource group, for the fix commands
  --host-name <name>           the web app, container app or VM name, for the fix commands
  --store-id <id>              the App Configuration store's resource ID, for the role assignment command
  --facts <file>               what ARM knows (identities, stores, role assignments) as JSON, written by the tour
  --sentinel-key <key>         the key read to prove access (default: APP_CONFIG_SENTINEL_KEY,
                               else Settings:Sentinel)

Without a terminal (or with CI=true or --yes) the tour runs every step for all three samples, prints a summary
table and exits 0 only when every verify passed. It never waits for input there.

Exit codes: 0 success, 1 a step or check failed, 2 usage or a missing confirmation, 130 stopped (Ctrl-C).
`
