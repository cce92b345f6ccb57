#!/usr/bin/env bash
# azd preprovision hook: stops before anything is created when an input the VM needs is missing, and says how
# to set it. azd passes the values of the current azd environment to hooks as environment variables.
set -euo pipefail

missing=0
if [[ -z "${SSH_PUBLIC_KEY:-}" ]]; then
  cat >&2 <<'MSG'
preprovision: SSH_PUBLIC_KEY is not set. The VM accepts SSH keys only (no passwords). Set your public key:
  azd env set SSH_PUBLIC_KEY "$(cat ~/.ssh/id_ed25519.pub)"
(no key yet? create one with: ssh-keygen -t ed25519)
MSG
  missing=1
fi
if [[ -z "${SSH_SOURCE_CIDR:-}" ]]; then
  cat >&2 <<'MSG'
preprovision: SSH_SOURCE_CIDR is not set. The VM's firewall opens SSH (22), and the sample's port (8080) unless
APP_SOURCE_CIDR says otherwise, only to this address range. Set it to your public IP address:
  azd env set SSH_SOURCE_CIDR "<your public IP>/32"
MSG
  missing=1
fi
exit "$missing"
