#!/usr/bin/env bash
# Deploys the sample's code to the VM: builds the single-file bundle, copies it over SSH with the systemd unit
# and install.sh, re-runs install.sh (idempotent: it repairs a first boot that failed half-way), and restarts the
# service. Azure has no "deploy code to a VM" step that azd could use, so azd runs this script after
# `azd provision` (postprovision hook in azure.yaml). Run it yourself after changing code:
#   ./deploy/deploy.sh            (from samples/vm)
#
# The systemd unit is installed here rather than by cloud-init, so editing it never touches the VM's custom data
# (which Azure refuses to change on an existing VM); install.sh is re-run for the same reason.
#
# Reads VM_HOST and VM_ADMIN_USERNAME from the environment or, when they are unset, from `azd env get-value`.
# Optional: SSH_PRIVATE_KEY_PATH, the private key matching SSH_PUBLIC_KEY (default: ssh's usual keys and agent).
# Needs: bash, ssh, scp, Node.js 22 and npm.
set -euo pipefail

sample_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repo_root=$(cd "$sample_dir/../.." && pwd)
workspace=@uami/sample-vm

say() { printf 'deploy: %s\n' "$*"; }
fail() {
  printf 'deploy: %s\n' "$*" >&2
  exit 1
}

# Value of a setting: the environment first, then the current azd environment.
setting() {
  local name=$1
  if [[ -n "${!name:-}" ]]; then
    printf '%s' "${!name}"
  elif command -v azd >/dev/null 2>&1; then
    azd env get-value "$name" 2>/dev/null || true
  fi
}

host=$(setting VM_HOST)
user=$(setting VM_ADMIN_USERNAME)
[[ -n "$host" ]] || fail "VM_HOST is not set, so there is no VM to deploy to. Run 'azd provision' first (it outputs VM_HOST), or set VM_HOST to the VM's DNS name or IP address."
[[ -n "$user" ]] || fail "VM_ADMIN_USERNAME is not set. Run 'azd provision' first (it outputs VM_ADMIN_USERNAME), or set it to the VM's admin user."

ssh_opts=(-o StrictHostKeyChecking=accept-new -o ConnectTimeout=20 -o ServerAliveInterval=15)
key=$(setting SSH_PRIVATE_KEY_PATH)
if [[ -n "$key" ]]; then
  [[ -r "$key" ]] || fail "SSH_PRIVATE_KEY_PATH is '$key', which is not a readable file. Point it at the private key matching SSH_PUBLIC_KEY."
  ssh_opts+=(-i "$key")
fi
target="$user@$host"

# 1. Build the bundle: the workspace packages the sample imports, the sample, then dist/bundle/server.mjs.
say "building the bundle"
cd "$repo_root"
[[ -d node_modules ]] || npm ci --no-audit --no-fund
npx turbo run build --filter="$workspace..." --output-logs=errors-only
npm run bundle --workspace="$workspace"
bundle_dir="$sample_dir/dist/bundle"
[[ -f "$bundle_dir/server.mjs" ]] || fail "the bundle step did not produce $bundle_dir/server.mjs; run 'npm run bundle' in samples/vm and read its output."

# 2. Wait for first-boot setup (service user, Node.js, /etc/uami-sample.env) to finish.
say "waiting for cloud-init on $host (first boot takes a few minutes)"
status=0
ssh "${ssh_opts[@]}" "$target" 'cloud-init status --wait >/dev/null' || status=$?
case $status in
  0) ;;
  1 | 2) say "cloud-init reported errors (see /var/log/cloud-init-output.log on the VM); running install.sh again below" ;;
  255) fail "cannot reach $target over SSH. Check that SSH_SOURCE_CIDR covers your current public IP (then 'azd provision'), that the key matching SSH_PUBLIC_KEY is loaded or named by SSH_PRIVATE_KEY_PATH, and, if the VM was recreated, forget its old host key with: ssh-keygen -R $host" ;;
  *) fail "could not read cloud-init's status on the VM (exit code $status). Read its log with: ssh $target sudo tail -n 100 /var/log/cloud-init-output.log" ;;
esac

# 3. Copy the bundle, the unit and install.sh; re-run install.sh; install the bundle owned by root (the service
#    user can read it, not modify it); restart the service and check it from the VM itself.
say "copying the bundle to $host"
remote_tmp=$(ssh "${ssh_opts[@]}" "$target" 'dir=$(mktemp -d) && mkdir "$dir/bundle" && echo "$dir"')
scp "${ssh_opts[@]}" -q "$bundle_dir"/* "$target:$remote_tmp/bundle/"
scp "${ssh_opts[@]}" -q "$sample_dir/deploy/uami-sample.service" "$sample_dir/deploy/install.sh" "$target:$remote_tmp/"
say "installing and restarting uami-sample.service"
# shellcheck disable=SC2087 # $remote_tmp is meant to expand here, on this machine.
ssh "${ssh_opts[@]}" "$target" bash -s <<REMOTE
set -euo pipefail
cd "$remote_tmp"
sudo install -o root -g root -m 0644 uami-sample.service /etc/systemd/system/uami-sample.service
sudo install -o root -g root -m 0755 install.sh /usr/local/sbin/uami-sample-install
sudo /usr/local/sbin/uami-sample-install
sudo install -o root -g root -m 0644 -t /opt/uami-sample bundle/*
cd / && rm -rf "$remote_tmp"
sudo systemctl restart uami-sample.service
for _ in \$(seq 1 30); do
  if curl --fail --silent --output /dev/null http://127.0.0.1:8080/healthz; then
    echo "deploy: the service answers /healthz on the VM"
    exit 0
  fi
  sleep 2
done
echo "deploy: the service did not answer /healthz within 60 s. Its last log lines:" >&2
sudo journalctl -u uami-sample.service -n 40 --no-pager >&2
exit 1
REMOTE

say "done: http://$host:8080/ (reachable from the addresses in APP_SOURCE_CIDR, else SSH_SOURCE_CIDR)"
