/** Thrown for a command line the CLI cannot run; the CLI prints the message and the usage, then exits 2. */
export class UsageError extends Error {
  override name = 'UsageError' as const
  readonly code = 'UAMI_EMU_USAGE'
}

/** Exit codes of `uami-emulator`. */
export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const

/** The `--help` text. */
export const usage = `Usage: uami-emulator <command> [options]

Local Azure for managed identity: an Entra token service, the App Service / Container Apps and IMDS
managed identity endpoints, an ARM subset and App Configuration with RBAC, all on 127.0.0.1.

Commands:
  start                        Start the emulator; it runs until Ctrl+C (SIGINT) or SIGTERM.
  env <hostResourceId>         Print, as dotenv lines, the environment Azure gives a process on that
                               host (a web app, container app or VM created through the emulator's ARM).
  az [--state <dir>] -- <args>  Run the installed Azure CLI against the running emulator, signed in as the
                               developer, in its own config directory (<state>/az); registers the cloud
                               and signs in on first use. Non-loopback requests go to a dead proxy.

Options for start:
  --state <dir>                State directory (default: .uami/emulator under the current directory).
  --location <dir>             Same as --state (Azurite's name).
  --json                       When ready, print one JSON line with the endpoints and credentials, and
                               nothing else on stdout.
  --arm-port <port>            Port of ARM + the Entra authority (https). Default: the port used last
                               time with this state when free, else any free port.
  --identity-port <port>       Port of the managed identity endpoints and /_admin (http). Default: as above.
  --propagation-delay <ms>     Role assignments take effect after this many milliseconds (default 0).
  --debug <file>               Append a request log (JSON lines; tokens and secrets never logged) to <file>.
  --silent                     Do not print the access log (it is never printed with --json).

Options for env:
  --state <dir>, --location <dir>   State directory of the emulator (default: .uami/emulator).

General:
  -h, --help                   Show this help.
  -v, --version                Print the version.

Exit codes: 0 success, 1 failure (unreadable state, port in use, unknown host, ...), 2 usage error.
\`env\` reads the state on disk, so it works while the emulator runs in another process; when the
emulator is not running it still prints the environment and warns on stderr.`
