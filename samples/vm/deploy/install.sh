#!/bin/sh
# Prepares the VM for the uami sample. cloud-init runs it as root at first boot (deploy/cloud-init.yaml) and
# deploy/deploy.sh runs it again on every deployment; a second run changes nothing that is already in place.
#   1. a dedicated system user, uami-sample, with no shell, no home and no sudo: the service runs as it;
#   2. Node.js 22 from the official release tarball, checked against the release's SHASUMS256.txt;
#   3. /opt/uami-sample, owned by root, for the bundle that deploy/deploy.sh copies;
#   4. once deploy/deploy.sh has installed the systemd unit: the unit, reloaded and enabled.
set -eu

NODE_MAJOR=22
NODE_DIR=/opt/node
APP_USER=uami-sample
APP_DIR=/opt/uami-sample
RELEASES="https://nodejs.org/dist/latest-v${NODE_MAJOR}.x"

log() { printf 'uami-sample-install: %s\n' "$*"; }
fail() { printf 'uami-sample-install: %s\n' "$*" >&2; exit 1; }

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64) arch=arm64 ;;
  *) fail "no Node.js ${NODE_MAJOR} build for CPU $(uname -m). Pick an x64 or Arm64 VM size." ;;
esac

# 1. Service user.
if id -u "$APP_USER" >/dev/null 2>&1; then
  log "user $APP_USER exists"
else
  useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$APP_USER"
  log "created system user $APP_USER"
fi

# 2. Node.js. The checksum file and the tarball come from the same https origin: the check catches a corrupt or
#    truncated download. To also verify the release signature, see https://github.com/nodejs/node#verifying-binaries.
installed=$("$NODE_DIR/bin/node" --version 2>/dev/null || true)
case "$installed" in
  "v${NODE_MAJOR}."*)
    log "Node.js $installed already installed in $NODE_DIR"
    ;;
  *)
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    fetch() { curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 --retry 5 --retry-delay 3 -o "$1" "$2"; }
    fetch "$tmp/SHASUMS256.txt" "$RELEASES/SHASUMS256.txt"
    tarball=$(awk -v want="linux-${arch}.tar.xz" 'length($2) > length(want) && substr($2, length($2) - length(want) + 1) == want && $2 ~ /^node-v[0-9.]+-/ { print $2 }' "$tmp/SHASUMS256.txt")
    [ -n "$tarball" ] || fail "no linux-${arch}.tar.xz listed in $RELEASES/SHASUMS256.txt"
    fetch "$tmp/$tarball" "$RELEASES/$tarball"
    (cd "$tmp" && grep " ${tarball}\$" SHASUMS256.txt | sha256sum --check --strict --quiet) \
      || fail "checksum of $tarball does not match $RELEASES/SHASUMS256.txt; not installing it"
    rm -rf "$NODE_DIR.new"
    mkdir -p "$NODE_DIR.new"
    tar -xJf "$tmp/$tarball" -C "$NODE_DIR.new" --strip-components=1 --no-same-owner
    rm -rf "$NODE_DIR"
    mv "$NODE_DIR.new" "$NODE_DIR"
    log "installed Node.js $("$NODE_DIR/bin/node" --version) in $NODE_DIR"
    ;;
esac
ln -sf "$NODE_DIR/bin/node" /usr/local/bin/node

# 3. Code directory: root owns it, the service user can only read it.
install -d -o root -g root -m 0755 "$APP_DIR"

# 4. Service, when its unit is there (deploy/deploy.sh installs it with the code).
if [ -f /etc/systemd/system/uami-sample.service ]; then
  systemctl daemon-reload
  systemctl enable --quiet uami-sample.service
  log "uami-sample.service enabled"
else
  log "waiting for deploy/deploy.sh to install the code and uami-sample.service"
fi
